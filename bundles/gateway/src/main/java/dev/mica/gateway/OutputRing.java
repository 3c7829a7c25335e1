package dev.mica.gateway;

import java.util.ArrayList;
import java.util.List;

/** The last lines of an app's log, in memory, for {@code mica:log}; older lines fall out. */
final class OutputRing {
    private final String[] lines;
    private int next;
    private int size;

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
