package dev.mica.vm.modules;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import dev.mica.obj.PyException;

/**
 * The files one interpreter has open: their file numbers (3 and up), and what gc.collect()
 * needs to close the files the program can no longer reach, as MicroPython's finaliser on file
 * objects does (their data is written, their numbers are reused).
 */
final class OpenFiles {
    /** How long gc.collect() waits for the JVM to report unreachable files after a collection. */
    private static final long WAIT_MILLIS = 10;

    /** A file object and what closing it needs, which stays reachable when the object is not. */
    static final class Handle extends WeakReference<FileStream> {
        final int number;
        private final Closeable channel;

        private Handle(FileStream file, ReferenceQueue<FileStream> queue, int number, Closeable channel) {
            super(file, queue);
            this.number = number;
            this.channel = channel;
        }
    }

    private final BitSet numbers = new BitSet();
    private final ReferenceQueue<FileStream> queue = new ReferenceQueue<>();
    private final Set<Handle> open = new HashSet<>();

    synchronized Handle register(FileStream file, Closeable channel) {
        int number = numbers.nextClearBit(3);
        numbers.set(number);
        Handle h = new Handle(file, queue, number, channel);
        open.add(h);
        return h;
    }

    /** The file was closed by the program. */
    synchronized void closed(Handle h) {
        if (open.remove(h)) {
            numbers.clear(h.number);
        }
        h.clear();
    }

    /** Closes the files that a collection found unreachable; called by gc.collect() after collecting. */
    void closeUnreachable() {
        synchronized (this) {
            if (open.isEmpty()) {
                return;
            }
        }
        try {
            Reference<? extends FileStream> r = queue.remove(WAIT_MILLIS);
            while (r != null) {
                Handle h = (Handle) r;
                boolean wasOpen;
                synchronized (this) {
                    wasOpen = open.remove(h);
                    if (wasOpen) {
                        numbers.clear(h.number);
                    }
                }
                if (wasOpen) {
                    closeQuietly(h.channel);
                }
                r = queue.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A finaliser has nobody to report to: errors while closing are dropped, as MicroPython does. */
    private static void closeQuietly(Closeable channel) {
        try {
            channel.close();
        } catch (IOException | PyException e) {
            // nothing to report to
        }
    }
}
