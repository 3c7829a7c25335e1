package dev.mica.repl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.function.Supplier;

import dev.mica.interp.Interpreter;

/**
 * The binary side of a WebREPL connection: MicroPython's file transfer protocol, fed the bytes
 * of binary frames as one stream (a request may come in several frames, as
 * {@code webrepl_cli.py} sends it).
 *
 * <p>A request is 82 bytes, little-endian: the signature {@code "WA"}, the operation (1 put,
 * 2 get, 3 get version), a flags byte, a 64-bit offset (unused), the 32-bit size of a put, the
 * 16-bit length of the file name and 64 bytes holding it. Answers are {@code "WB"} and a
 * 16-bit status, 0 for success; {@value #STATUS_FAILED} is sent where MicroPython would raise
 * (a name refused, a missing file, an upload too large). A put is answered once before its
 * data and once after it; a get answers, then sends for each byte the client sends a chunk of
 * the file after a 16-bit length, an empty chunk at the end, and a final answer. Get version
 * answers three bytes: major, minor and micro version.
 *
 * <p>File names are taken as the session's interpreter takes them ({@link Interpreter#resolvePath}),
 * so a transfer reaches exactly the files its programs may reach. An upload goes to a
 * temporary file in the target's folder and is moved over the target when complete.
 */
final class WebReplFileTransfer implements AutoCloseable {
    static final int REQUEST_SIZE = 82;
    static final int OP_PUT = 1;
    static final int OP_GET = 2;
    static final int OP_GET_VERSION = 3;
    static final int STATUS_OK = 0;
    static final int STATUS_FAILED = 1;
    /** The most file bytes in one chunk of a get (MicroPython sends 256). */
    static final int GET_CHUNK = 1024;
    private static final int NAME_FIELD = 64;
    private static final SecureRandom UPLOAD_NAMES = new SecureRandom();

    /** Where binary answers go. */
    interface Sender {
        void sendBinary(byte[] data, int offset, int length) throws IOException;
    }

    private enum State { REQUEST, PUT_DATA, GET_DATA }

    private final Sender sender;
    private final Supplier<Interpreter> interpreter;
    private final long maxUpload;
    private final byte[] versionBytes;
    private final byte[] request = new byte[REQUEST_SIZE];
    private int requestFill;
    private State state = State.REQUEST;

    // a put in progress
    private Path putTarget;
    private Path putTemporary;
    private FileChannel putChannel;
    private long putRemaining;
    private boolean putFailed;

    // a get in progress
    private InputStream getStream;

    /**
     * @param interpreter the session's interpreter, waited for; null when the session has none
     * @param maxUpload the largest file a put may write, in bytes
     * @param versionBytes the three bytes get version answers
     */
    WebReplFileTransfer(Sender sender, Supplier<Interpreter> interpreter, long maxUpload, byte[] versionBytes) {
        this.sender = sender;
        this.interpreter = interpreter;
        this.maxUpload = maxUpload;
        this.versionBytes = versionBytes.clone();
    }

    /** Takes the payload of a binary frame. */
    void accept(byte[] data) throws IOException {
        int offset = 0;
        while (offset < data.length) {
            switch (state) {
                case REQUEST: {
                    int part = Math.min(REQUEST_SIZE - requestFill, data.length - offset);
                    System.arraycopy(data, offset, request, requestFill, part);
                    requestFill += part;
                    offset += part;
                    if (requestFill == REQUEST_SIZE) {
                        requestFill = 0;
                        handleRequest();
                    }
                    break;
                }
                case PUT_DATA: {
                    int part = (int) Math.min(putRemaining, data.length - offset);
                    writeUpload(data, offset, part);
                    offset += part;
                    putRemaining -= part;
                    if (putRemaining == 0) {
                        finishPut();
                    }
                    break;
                }
                case GET_DATA:
                    // each byte from the client asks for the next chunk
                    offset++;
                    sendChunk();
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    /** Drops a transfer left unfinished (the connection ended): no partial upload stays behind. */
    @Override
    public void close() {
        abortPut();
        closeGet();
        state = State.REQUEST;
    }

    private void handleRequest() throws IOException {
        ByteBuffer fields = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
        if (request[0] != 'W' || request[1] != 'A') {
            answer(STATUS_FAILED);
            return;
        }
        int op = request[2] & 0xFF;
        long size = fields.getInt(12) & 0xFFFFFFFFL;
        int nameLength = Math.min(fields.getShort(16) & 0xFFFF, NAME_FIELD);
        String name = fileName(nameLength);
        switch (op) {
            case OP_GET_VERSION:
                sender.sendBinary(versionBytes, 0, versionBytes.length);
                break;
            case OP_PUT:
                startPut(name, size);
                break;
            case OP_GET:
                startGet(name);
                break;
            default:
                answer(STATUS_FAILED);
        }
    }

    /** The name field as text: its length, or up to its first NUL, whichever is shorter. */
    private String fileName(int length) {
        int end = 18;
        while (end < 18 + length && request[end] != 0) {
            end++;
        }
        return new String(request, 18, end - 18, StandardCharsets.UTF_8);
    }

    private void startPut(String name, long size) throws IOException {
        Path target = confinedPath(name);
        if (target == null || size > maxUpload || Files.isDirectory(target)
                || !Files.isDirectory(target.getParent())) {
            answer(STATUS_FAILED);
            return;
        }
        try {
            // made as open() makes a file (the process's default permissions), under a name of its own
            putTemporary = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(UPLOAD_NAMES.nextLong() & Long.MAX_VALUE) + ".webrepl");
            putChannel = FileChannel.open(putTemporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            abortPut();
            answer(STATUS_FAILED);
            return;
        }
        putTarget = target;
        putRemaining = size;
        putFailed = false;
        answer(STATUS_OK);
        if (size == 0) {
            finishPut();
        } else {
            state = State.PUT_DATA;
        }
    }

    private void writeUpload(byte[] data, int offset, int length) {
        if (putFailed) {
            return; // the rest of the data is read and dropped; the final answer reports the failure
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
            while (buffer.hasRemaining()) {
                putChannel.write(buffer);
            }
        } catch (IOException e) {
            putFailed = true;
        }
    }

    private void finishPut() throws IOException {
        state = State.REQUEST;
        boolean ok = !putFailed;
        if (ok) {
            try {
                putChannel.force(true);
                putChannel.close();
                putChannel = null;
                try {
                    Files.move(putTemporary, putTarget, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(putTemporary, putTarget, StandardCopyOption.REPLACE_EXISTING);
                }
                putTemporary = null;
            } catch (IOException e) {
                ok = false;
            }
        }
        abortPut();
        answer(ok ? STATUS_OK : STATUS_FAILED);
    }

    private void abortPut() {
        if (putChannel != null) {
            try {
                putChannel.close();
            } catch (IOException e) {
                // removed below anyway
            }
            putChannel = null;
        }
        if (putTemporary != null) {
            try {
                Files.deleteIfExists(putTemporary);
            } catch (IOException e) {
                // nothing more can be done about it
            }
            putTemporary = null;
        }
        putTarget = null;
    }

    private void startGet(String name) throws IOException {
        Path source = confinedPath(name);
        if (source == null || !Files.isRegularFile(source)) {
            answer(STATUS_FAILED);
            return;
        }
        try {
            getStream = Files.newInputStream(source);
        } catch (IOException | RuntimeException e) {
            answer(STATUS_FAILED);
            return;
        }
        answer(STATUS_OK);
        state = State.GET_DATA;
    }

    /** The next chunk of the file; after the empty chunk that ends it, the final answer. */
    private void sendChunk() throws IOException {
        byte[] chunk = new byte[2 + GET_CHUNK];
        int length;
        boolean failed = false;
        try {
            length = Math.max(0, getStream.readNBytes(chunk, 2, GET_CHUNK));
        } catch (IOException e) {
            length = 0;
            failed = true;
        }
        chunk[0] = (byte) length;
        chunk[1] = (byte) (length >> 8);
        sender.sendBinary(chunk, 0, 2 + length);
        if (length == 0) {
            closeGet();
            state = State.REQUEST;
            answer(failed ? STATUS_FAILED : STATUS_OK);
        }
    }

    private void closeGet() {
        if (getStream != null) {
            try {
                getStream.close();
            } catch (IOException e) {
                // read-only: nothing lost
            }
            getStream = null;
        }
    }

    /** The host path of a name as the session's interpreter takes it, or null when refused. */
    private Path confinedPath(String name) {
        if (name.isEmpty()) {
            return null;
        }
        Interpreter session = interpreter.get();
        if (session == null || session.storageRoot() == null) {
            // an interpreter whose files are not confined would let a client write anywhere
            return null;
        }
        try {
            Path path = session.resolvePath(name);
            return path.getFileName() == null ? null : path;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void answer(int status) throws IOException {
        sender.sendBinary(new byte[] {'W', 'B', (byte) status, (byte) (status >> 8)}, 0, 4);
    }
}
