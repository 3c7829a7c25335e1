package dev.mica.gateway;

import java.util.ArrayList;
import java.util.List;

/** The last lines of an app's log, in memory, for {@code mica:log}; older lines fall out. */
final class OutputRing {
    private final String[] lines;
    private int next;
    private int size;
    private long added;

    OutputRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring holds at least one line: " + capacity);
        }
        lines = new String[capacity];
    }

    int capacity() {
        return lines.length;
    }

    synchronized void add(String line) {
        lines[next] = line;
        next = (next + 1) % lines.length;
        if (size < lines.length) {
            size++;
        }
        added++;
    }

    /** How many lines were ever added: the sequence number of the newest line. */
    synchronized long added() {
        return added;
    }

    /**
     * The lines after sequence number {@code after} (lines are numbered from 1 as they are
     * added), oldest first, at most {@code max} of them; lines that fell out of the ring are
     * skipped, which {@link Slice#skipped()} tells.
     */
    synchronized Slice since(long after, int max) {
        long oldest = added - size + 1;
        long first = Math.max(after + 1, oldest);
        long skipped = Math.max(0, first - Math.max(after + 1, 1));
        List<String> slice = new ArrayList<>();
        for (long seq = first; seq <= added && slice.size() < max; seq++) {
            int back = (int) (added - seq + 1);
            slice.add(lines[Math.floorMod(next - back, lines.length)]);
        }
        return new Slice(slice, first - 1 + slice.size(), skipped);
    }

    /** Lines of {@link #since}: {@code last} is the sequence number of the last one given. */
    record Slice(List<String> lines, long last, long skipped) {
    }

    /** The last {@code count} lines, oldest first (all of them when fewer are kept). */
    synchronized List<String> tail(int count) {
        int n = Math.max(0, Math.min(count, size));
        List<String> tail = new ArrayList<>(n);
        for (int i = n; i > 0; i--) {
            tail.add(lines[Math.floorMod(next - i, lines.length)]);
        }
        return tail;
    }
}
