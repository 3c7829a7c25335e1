package dev.mica.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An app's log file, {@code <app>.log}, appended line by line. When the next line would take it
 * past {@code maxBytes}, it becomes {@code <app>.log.1} (the older ones move up by one, the
 * oldest beyond {@code files} is deleted) and a new {@code <app>.log} begins, so the log never
 * holds more than about {@code files × maxBytes}.
 *
 * <p>Log lines are appended, not written through {@link AtomicFiles}: a crash may cut the last
 * line short but never loses the lines before it; rotation is done by renames.
 */
final class RotatingLogFile implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int files;
    private OutputStream out;
    private long size;

    /**
     * @param maxBytes the size at which the file is rotated
     * @param files how many files are kept, the current one included
     */
    RotatingLogFile(Path file, long maxBytes, int files) {
        if (maxBytes < 1 || files < 1) {
            throw new IllegalArgumentException("a log needs a positive size and at least one file");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
    }

    Path file() {
        return file;
    }

    /** Appends one line and its terminator. */
    synchronized void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        try {
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            // reopened at the next line, so a passing failure (a full disk) does not end the log for good
            closeQuietly();
            throw e;
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(numbered(files - 1));
        for (int i = files - 2; i >= 1; i--) {
            Path older = numbered(i);
            if (Files.exists(older)) {
                Files.move(older, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (files > 1) {
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(file);
        }
        open();
    }

    /** {@code <app>.log.N}; {@code N = 0} is the current file. */
    Path numbered(int n) {
        return n == 0 ? file : file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            out = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
