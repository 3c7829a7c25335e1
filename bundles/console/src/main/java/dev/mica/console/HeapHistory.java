package dev.mica.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap over time, for the dashboard's charts: each sample holds the JVM's heap (used,
 * committed, max) and the heap each running app holds in its interpreter. At most
 * {@code capacity} samples are kept; the oldest falls out.
 */
final class HeapHistory {
    record Sample(Instant time, long jvmUsed, long jvmCommitted, long jvmMax, Map<String, Long> apps) {
        Sample {
            apps = Map.copyOf(apps);
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("time", time.toEpochMilli());
            out.put("jvmUsed", jvmUsed);
            out.put("jvmCommitted", jvmCommitted);
            out.put("jvmMax", jvmMax);
            out.put("apps", new java.util.TreeMap<>(apps));
            return out;
        }
    }

    private final int capacity;
    // guarded by this
    private final Deque<Sample> samples = new ArrayDeque<>();

    HeapHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the history holds at least one sample: " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    int capacity() {
        return capacity;
    }
}
