package dev.mica.vm.modules;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

import dev.mica.obj.PyException;

/**
 * The files one interpreter has open: their file numbers (3 and up), and what gc.collect()
 * needs to close the files the program can no longer reach, as MicroPython's finaliser on file
 * objects does (their data is written, their numbers are reused).
 */
final class OpenFiles {
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

    synchronized boolean isEmpty() {
        return open.isEmpty();
    }

    /** The file was closed by the program. */
    synchronized void closed(Handle h) {
        if (open.remove(h)) {
            numbers.clear(h.number);
        }
        h.clear();
    }

    /**
     * Closes the files that a collection found unreachable; called by gc.collect() right after
     * a full collection, which has cleared the weak references of those files (their queue is
     * filled later, by another thread, so it is only emptied here).
     */
    void closeUnreachable() {
        List<Handle> unreachable = new ArrayList<>();
        synchronized (this) {
            while (queue.poll() != null) {
                // cleared handles are found below; the queue only needs emptying
            }
            for (Iterator<Handle> it = open.iterator(); it.hasNext();) {
                Handle h = it.next();
                if (h.refersTo(null)) {
                    it.remove();
                    numbers.clear(h.number);
                    unreachable.add(h);
                }
            }
        }
        unreachable.sort(Comparator.comparingInt(h -> h.number));
        for (Handle h : unreachable) {
            closeQuietly(h.channel);
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
