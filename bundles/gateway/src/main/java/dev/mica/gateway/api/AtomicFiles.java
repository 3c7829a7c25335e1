package dev.mica.gateway.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader, or the gateway after a power cut, sees either the old content
 * or the new one, never a mix: the bytes go to a temporary file in the same folder, are forced
 * to the disk, and the file is renamed over the target in one step; then the folder itself is
 * forced so that the rename survives a crash too. A process killed before the rename leaves
 * its temporary file behind; the next write of the same target removes it. One writer per
 * target at a time. The gateway's own files and those the console writes go through here.
 */
public final class AtomicFiles {
    /** How many bytes go to the temporary file per write call. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, CHUNK_BYTES, () -> { });
    }

    /**
     * Writes in chunks of {@code chunkBytes}, calling {@code afterChunk} after each one: where
     * tests stop the write as a kill would (an {@link Error} skips every clean-up).
     */
    public static void write(Path target, byte[] content, int chunkBytes, Runnable afterChunk) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        removeLeftovers(absolute);
        // same folder, so the rename stays on one file system and can be atomic
        Path temporary = Files.createTempFile(folder, temporaryPrefix(absolute), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int offset = 0; offset < content.length; offset += chunkBytes) {
                    ByteBuffer buffer = ByteBuffer.wrap(content, offset, Math.min(chunkBytes, content.length - offset));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    afterChunk.run();
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceFolder(folder);
    }

    /** Writes what {@code content} gives until its end (an upload, say), with the same guarantee. */
    public static void write(Path target, java.io.InputStream content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        removeLeftovers(absolute);
        Path temporary = Files.createTempFile(folder, temporaryPrefix(absolute), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                content.transferTo(java.nio.channels.Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceFolder(folder);
    }

    /** Removes the temporary files that writes of this target killed before their rename left behind. */
    public static void removeLeftovers(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = temporaryPrefix(absolute);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(absolute.getParent(),
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path leftover : entries) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static String temporaryPrefix(Path absoluteTarget) {
        return "." + absoluteTarget.getFileName() + ".";
    }

    /**
     * Forces a folder's entries to the disk. Linux and macOS allow it; where a folder cannot be
     * opened for reading (Windows) the file system commits renames itself, so failing is fine.
     */
    public static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; see above
        }
    }
}
