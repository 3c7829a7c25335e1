package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mica.hal.Edge;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;

class SimGpioControllerTest {
    private record Event(GpioPin pin, Edge edge, long timestamp, Thread thread) {
    }

    private final SimBoard board = SimBoard.create(Map.of("pins", "16", "wire", "5->6, 7->8", "pin.names", "LED=5"));

    @AfterEach
    void tearDown() {
        board.close();
    }

    @Test
    void wiredOutputFiresEdgesOnADriverThread() throws InterruptedException {
        GpioPin out = board.gpio().pin("LED");
        GpioPin in = board.gpio().pin(6);
        out.configure(PinMode.OUTPUT, Pull.NONE);
        in.configure(PinMode.INPUT, Pull.DOWN);
        BlockingQueue<Event> events = new ArrayBlockingQueue<>(8);
        in.setEdgeListener(EnumSet.allOf(Edge.class),
                (pin, edge, when) -> events.add(new Event(pin, edge, when, Thread.currentThread())));
        long before = System.nanoTime();
        out.write(true);
        Event rising = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(rising);
        assertEquals(Edge.RISING, rising.edge());
        assertEquals(6, rising.pin().number());
        assertTrue(rising.timestamp() >= before && rising.timestamp() <= System.nanoTime());
        assertNotEquals(Thread.currentThread(), rising.thread());
        assertTrue(in.read());
        out.write(false);
        assertEquals(Edge.FALLING, events.poll(5, TimeUnit.SECONDS).edge());
        in.setEdgeListener(EnumSet.of(Edge.FALLING), (pin, edge, when) -> events.add(new Event(pin, edge, when, null)));
        out.write(true);
        out.write(false);
        assertEquals(Edge.FALLING, events.poll(5, TimeUnit.SECONDS).edge(), "rising edges are no longer reported");
    }

    @Test
    void pullsDecideUndrivenInputs() {
        GpioPin pin = board.gpio().pin(10);
        pin.configure(PinMode.INPUT, Pull.UP);
        assertTrue(pin.read());
        pin.configure(PinMode.INPUT, Pull.DOWN);
        assertFalse(pin.read());
        GpioPin wiredInput = board.gpio().pin(6);      // driven by pin 5, which is still an input
        wiredInput.configure(PinMode.INPUT, Pull.UP);
        assertTrue(wiredInput.read());
    }

    @Test
    void openDrainOnlyPullsLow() {
        GpioPin drain = board.gpio().pin(7);
        GpioPin line = board.gpio().pin(8);
        line.configure(PinMode.INPUT, Pull.UP);
        drain.configure(PinMode.OPEN_DRAIN, Pull.NONE);
        drain.write(false);
        assertFalse(line.read());
        drain.write(true);
        assertTrue(line.read(), "released: the pull-up wins");
        line.configure(PinMode.INPUT, Pull.DOWN);
        assertFalse(line.read());
    }

    @Test
    void rewiringAtRunTimeAndUnknownPins() {
        GpioPin out = board.gpio().pin(5);
        out.configure(PinMode.OUTPUT, Pull.NONE);
        out.write(true);
        GpioPin nine = board.gpio().pin(9);
        nine.configure(PinMode.INPUT, Pull.DOWN);
        assertFalse(nine.read());
        board.applyLiveSettings(SimBoardSettings.parse(Map.of("pins", "16", "wire", "5->9")));
        assertTrue(nine.read());
        GpioPin six = board.gpio().pin(6);
        assertTrue(six.read(), "the old wire is gone; floating pin 6 keeps its last level");
        out.write(false);
        assertTrue(six.read(), "no longer driven by pin 5");
        HalException missing = assertThrows(HalException.class, () -> board.gpio().pin(99));
        assertEquals(HalException.ENODEV, missing.errno());
    }
}
