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
}
