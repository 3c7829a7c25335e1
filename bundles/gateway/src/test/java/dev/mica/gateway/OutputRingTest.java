package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class OutputRingTest {
    @Test
    void keepsTheLastLinesOldestFirst() {
        OutputRing ring = new OutputRing(3);
        assertEquals(List.of(), ring.tail(10));
        ring.add("1");
        ring.add("2");
        assertEquals(List.of("1", "2"), ring.tail(10));
        ring.add("3");
        ring.add("4");
        ring.add("5");
        assertEquals(List.of("3", "4", "5"), ring.tail(10));
        assertEquals(List.of("4", "5"), ring.tail(2));
        assertEquals(List.of(), ring.tail(0));
    }

    @Test
    void givesTheLinesAfterASequenceNumberAndCountsThoseLost() {
        OutputRing ring = new OutputRing(3);
        assertEquals(new OutputRing.Slice(List.of(), 0, 0), ring.since(0, 10));
        ring.add("1");
        ring.add("2");
        assertEquals(new OutputRing.Slice(List.of("1", "2"), 2, 0), ring.since(0, 10));
        assertEquals(new OutputRing.Slice(List.of("2"), 2, 0), ring.since(1, 10));
        assertEquals(new OutputRing.Slice(List.of(), 2, 0), ring.since(2, 10));
        ring.add("3");
        ring.add("4");
        ring.add("5");
        assertEquals(5, ring.added());
        // lines 1 and 2 fell out: asking after 0 skips them
        assertEquals(new OutputRing.Slice(List.of("3", "4"), 4, 2), ring.since(0, 2));
        assertEquals(new OutputRing.Slice(List.of("5"), 5, 0), ring.since(4, 2));
    }
}
