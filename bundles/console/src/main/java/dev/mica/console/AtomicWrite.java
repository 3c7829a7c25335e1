package dev.mica.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers, and the gateway after a power cut, see the old content or the
 * new one, never a mix (the gateway's own files are written the same way): a temporary file in
 * the same folder, forced to the disk, renamed over the target, then the folder forced.
 */
final class AtomicWrite {
    private AtomicWrite() {
    }

    static void write(Path target, byte[] content) throws IOException {
        write(target, new java.io.ByteArrayInputStream(content));
    }

    static void write(Path target, InputStream content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                content.transferTo(java.nio.channels.Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // folders cannot be forced here (Windows); the file system commits the rename itself
        }
    }
}
