package dev.mica.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * Runs a {@link ReplSession} on a thread of its own, with real interpreters, and plays the
 * host: bytes are sent to it, and what it writes back is awaited byte for byte.
 */
final class SessionDriver implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 20_000;

    private final BlockingQueue<Integer> toSession = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream fromSession = new ByteArrayOutputStream();
    private final Object outputLock = new Object();
    private int consumed;
    final ReplSession session;
    private final Thread thread;
    volatile Integer exitStatus;
    volatile int interpretersOpened;

    SessionDriver(ReplOptions.Style style, Path storageRoot) {
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    return toSession.take();
                } catch (InterruptedException e) {
                    return -1;
                }
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (outputLock) {
                    fromSession.write(b);
                    outputLock.notifyAll();
                }
            }
        };
        ReplInput input = ReplInput.start(in, out);
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        session = new ReplSession(input, out, new ReplOptions(style, "MicroPython v" + factory.version() + " test", true),
                (stdin, stdout, stderr) -> {
                    interpretersOpened++;
                    InterpreterConfig config = InterpreterConfig.standard().withStreams(stdin, stdout, stderr);
                    return factory.create(storageRoot == null ? config : config.withStorageRoot(storageRoot));
                });
        thread = new Thread(() -> {
            try {
                exitStatus = session.run();
            } catch (IOException e) {
                exitStatus = -1;
            }
        }, "repl-session-test");
        thread.setDaemon(true);
        thread.start();
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) {
        for (byte b : bytes) {
            toSession.add(b & 0xff);
        }
    }

    void endInput() {
        toSession.add(-1);
    }

    /** Waits until the output not yet consumed ends with {@code expected}; returns it all and consumes it. */
    String expectEndingWith(String expected) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        synchronized (outputLock) {
            while (true) {
                String pending = pending();
                if (pending.endsWith(expected)) {
                    consumed = fromSession.size();
                    return pending;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("expected output ending with " + visible(expected) + ", got "
                            + visible(pending));
                }
                try {
                    outputLock.wait(left);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Reads exactly n more bytes of output. */
    byte[] read(int n) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        synchronized (outputLock) {
            while (fromSession.size() - consumed < n) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " bytes, got " + visible(pending()));
                }
                try {
                    outputLock.wait(left);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            byte[] all = fromSession.toByteArray();
            byte[] taken = java.util.Arrays.copyOfRange(all, consumed, consumed + n);
            consumed += n;
            return taken;
        }
    }

    /** How many output bytes are there and not consumed yet. */
    int available() {
        synchronized (outputLock) {
            return fromSession.size() - consumed;
        }
    }

    private String pending() {
        byte[] all = fromSession.toByteArray();
        return new String(all, consumed, all.length - consumed, StandardCharsets.ISO_8859_1);
    }

    static String visible(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 32 || c > 126) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    void awaitEnd() throws InterruptedException {
        thread.join(TIMEOUT_MILLIS);
        if (thread.isAlive()) {
            throw new AssertionError("the session did not end");
        }
    }

    @Override
    public void close() throws InterruptedException {
        endInput();
        thread.join(TIMEOUT_MILLIS);
        session.close();
    }
}
