package dev.mica.vm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.mica.code.MpyReader;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;

/**
 * What the fuzz test checks for one input: the bytes, as a {@code .mpy} file, either load or
 * are refused with {@code ValueError}, and what loads runs to an end, ending with success or
 * a Python exception. A finding is a Java throwable out of the reader, a Java failure the
 * interpreter had to turn into a Python exception ({@code RuntimeError: internal error}, or
 * {@code MemoryError} for an allocation the JVM could not make: see
 * {@code Runtime.noteJavaFailure}), or a run that does not end once stopped; this class
 * throws {@link AssertionError} (or the reader's throwable) for it.
 */
final class MpyFuzzTarget {
    private MpyFuzzTarget() {}

    /** A run still going after this long gets KeyboardInterrupt. */
    static final long INTERRUPT_AFTER_MILLIS = 100;
    /** A run still going after this long (it caught the interrupt) is stopped outright. */
    static final long STOP_AFTER_MILLIS = 300;
    /** A run still going this long after it was stopped is a hang. */
    static final long HANG_AFTER_MILLIS = 10_000;
    /** What a program may print before the rest is dropped (its output is not checked). */
    private static final int KEPT_ERROR_BYTES = 8192;

    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(daemon("mpy-fuzz-run"));
    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(daemon("mpy-fuzz-watchdog"));
    private static Path storage;
    private static final java.util.concurrent.atomic.AtomicLong INPUTS = new java.util.concurrent.atomic.AtomicLong();

    /** How many inputs {@link #loadAndRun} checked in this JVM. */
    static long inputsChecked() {
        return INPUTS.get();
    }

    /** Checks one input; throws AssertionError (or whatever the reader threw) for a finding. */
    static void loadAndRun(byte[] data) {
        INPUTS.incrementAndGet();
        try {
            MpyReader.read(data);
        } catch (MpyReader.FormatException refused) {
            // what the reader refuses the interpreter refuses too (ValueError): nothing to run
            return;
        }
        run(data);
    }

    /** Runs the bytes as a .mpy script in a fresh interpreter. */
    private static void run(byte[] data) {
        Path script = storage().resolve("fuzz.mpy");
        try {
            Files.write(script, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TailOutput err = new TailOutput(KEPT_ERROR_BYTES);
        InterpreterConfig cfg = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(), err)
                .withPath(List.of(""))
                .withStorageRoot(storage());
        MicaInterpreter in = (MicaInterpreter) new MicaInterpreterFactory(null).create(cfg);
        ScheduledFuture<?> interrupt = WATCHDOG.schedule(in::interrupt, INTERRUPT_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> stop = WATCHDOG.schedule(() -> in.runtime().stopAllThreads(0), STOP_AFTER_MILLIS,
                TimeUnit.MILLISECONDS);
        Future<RunResult> result = RUNNER.submit(() -> in.runFile(script));
        try {
            result.get(STOP_AFTER_MILLIS + HANG_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the program did not end after it was stopped; stderr:\n" + err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("runFile threw", e.getCause());
        } finally {
            interrupt.cancel(false);
            stop.cancel(false);
        }
        in.close();
        Throwable failure = in.runtime().javaFailure();
        if (failure != null) {
            // reported at the failure's own place, so that findings are told apart by where they happen
            AssertionError finding = new AssertionError("a Java failure became a Python exception:\n" + err, failure);
            finding.setStackTrace(failure.getStackTrace());
            throw finding;
        }
    }

    private static synchronized Path storage() {
        if (storage == null) {
            try {
                storage = Files.createTempDirectory("mpy-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the programs may leave files there
            Path created = storage;
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
        }
        return storage;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: what cannot be deleted stays
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Keeps the last bytes written (a traceback ends the output). */
    private static final class TailOutput extends OutputStream {
        private final byte[] ring;
        private long written;

        TailOutput(int size) {
            ring = new byte[size];
        }

        @Override
        public synchronized void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public synchronized String toString() {
            int n = (int) Math.min(written, ring.length);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = ring[(int) ((written - n + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
