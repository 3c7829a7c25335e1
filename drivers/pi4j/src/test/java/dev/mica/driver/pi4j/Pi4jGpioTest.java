package dev.mica.driver.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import dev.mica.hal.Edge;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;

class Pi4jGpioTest {
    private final Pi4jBoard board = MockBoards.create("pins", "2-27", "pin.names", "LED=17, BUTTON=27");

    @AfterEach
    void close() {
        board.close();
    }

    private Object pi4jIo(int pin) {
        return board.context().registry().get("mica-gpio-" + pin);
    }

    @Test
    void pinsAreNumberedAndNamed() {
        assertEquals(26, board.gpio().pinNumbers().size());
        assertEquals(2, board.gpio().pinNumbers().get(0));
        assertEquals(17, board.gpio().pin("LED").number());
        assertEquals("LED", board.gpio().pin(17).name());
        assertEquals(17, board.gpio().pin("GPIO17").number());
        assertEquals("GPIO5", board.gpio().pin(5).name());
        HalException missing = assertThrows(HalException.class, () -> board.gpio().pin(40));
        assertEquals(HalException.ENODEV, missing.errno());
        assertTrue(List.of(board.gpioController().pinNameProperty()).contains("BUTTON=27"));
    }

    @Test
    void outputDrivesThePi4jLine() {
        GpioPin led = board.gpio().pin("LED");
        led.write(true); // kept until the pin becomes an output
        assertFalse(board.context().registry().exists("mica-gpio-17"));
        led.configure(PinMode.OUTPUT, Pull.NONE);
        DigitalOutput line = assertInstanceOf(DigitalOutput.class, pi4jIo(17));
        assertEquals(DigitalState.HIGH, line.state());
        assertTrue(led.read());
        led.write(false);
        assertEquals(DigitalState.LOW, line.state());
        assertFalse(led.read());
    }

    @Test
    void inputCarriesPullAndReadsTheLine() {
        GpioPin button = board.gpio().pin("BUTTON");
        button.configure(PinMode.INPUT, Pull.UP);
        DigitalInput line = assertInstanceOf(DigitalInput.class, pi4jIo(27));
        assertEquals(PullResistance.PULL_UP, line.pull());
        assertTrue(button.read()); // nothing drives the line: the pull-up holds it high
        ((MockDigitalInput) line).mockState(DigitalState.LOW);
        assertFalse(button.read());

        button.configure(PinMode.INPUT, Pull.DOWN);
        DigitalInput reopened = assertInstanceOf(DigitalInput.class, pi4jIo(27));
        assertEquals(PullResistance.PULL_DOWN, reopened.pull());
        assertEquals(Pull.DOWN, button.pull());
    }

    @Test
    void switchingModeSwapsInputAndOutput() {
        GpioPin pin = board.gpio().pin(5);
        pin.configure(PinMode.INPUT, Pull.NONE);
        assertInstanceOf(DigitalInput.class, pi4jIo(5));
        pin.configure(PinMode.OUTPUT, Pull.NONE);
        assertInstanceOf(DigitalOutput.class, pi4jIo(5));
        pin.configure(PinMode.INPUT, Pull.NONE);
        assertInstanceOf(DigitalInput.class, pi4jIo(5));
    }

    @Test
    void openDrainDrivesLowAndReleasesHigh() {
        GpioPin pin = board.gpio().pin(6);
        pin.write(false);
        pin.configure(PinMode.OPEN_DRAIN, Pull.UP);
        DigitalOutput low = assertInstanceOf(DigitalOutput.class, pi4jIo(6));
        assertEquals(DigitalState.LOW, low.state());
        assertFalse(pin.read());
        pin.write(true);
        DigitalInput released = assertInstanceOf(DigitalInput.class, pi4jIo(6));
        assertEquals(PullResistance.PULL_UP, released.pull());
        assertTrue(pin.read()); // released, the line is pulled up
        pin.write(false);
        assertInstanceOf(DigitalOutput.class, pi4jIo(6));
    }

    @Test
    void edgesReachTheListenerOnAnotherThread() throws InterruptedException {
        GpioPin button = board.gpio().pin("BUTTON");
        button.configure(PinMode.INPUT, Pull.UP);
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        button.setEdgeListener(EnumSet.of(Edge.RISING, Edge.FALLING), (pin, edge, when) -> {
            assertEquals(button, pin);
            threads.add(Thread.currentThread());
            edges.add(edge);
        });
        MockDigitalInput line = (MockDigitalInput) pi4jIo(27);
        line.mockState(DigitalState.LOW); // pulled up until something drives it low
        line.mockState(DigitalState.HIGH);
        assertEquals(Edge.FALLING, edges.poll(2, TimeUnit.SECONDS));
        assertEquals(Edge.RISING, edges.poll(2, TimeUnit.SECONDS));
        Thread deliverer = threads.poll();
        assertTrue(deliverer != Thread.currentThread() && deliverer.getName().startsWith("mica-pi4j-gpio-"));
    }

    @Test
    void onlyTheRequestedEdgesAreDelivered() throws InterruptedException {
        GpioPin button = board.gpio().pin("BUTTON");
        button.configure(PinMode.INPUT, Pull.NONE);
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        button.setEdgeListener(Set.of(Edge.FALLING), (pin, edge, when) -> edges.add(edge));
        MockDigitalInput line = (MockDigitalInput) pi4jIo(27);
        line.mockState(DigitalState.HIGH);
        line.mockState(DigitalState.LOW);
        assertEquals(Edge.FALLING, edges.poll(2, TimeUnit.SECONDS));
        button.setEdgeListener(Set.of(), null);
        line.mockState(DigitalState.HIGH);
        line.mockState(DigitalState.LOW);
        assertNull(edges.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void anUndrivenInputReadsItsPullLevel() {
        GpioPin pin = board.gpio().pin(22);
        pin.configure(PinMode.INPUT, Pull.UP);
        assertTrue(pin.read());
        pin.configure(PinMode.INPUT, Pull.DOWN);
        assertFalse(pin.read());
        pin.configure(PinMode.INPUT, Pull.NONE);
        assertFalse(pin.read());
    }

    @Test
    void releasingAnOpenDrainLineWithPullUpIsARisingEdge() throws InterruptedException {
        GpioPin pin = board.gpio().pin(23);
        pin.write(false);
        pin.configure(PinMode.OPEN_DRAIN, Pull.UP);
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        pin.setEdgeListener(EnumSet.of(Edge.RISING, Edge.FALLING), (p, edge, when) -> edges.add(edge));
        pin.write(true);
        assertEquals(Edge.RISING, edges.poll(2, TimeUnit.SECONDS));
        assertTrue(pin.read());
    }

    @Test
    void outputChangesAreEdgesToo() throws InterruptedException {
        GpioPin led = board.gpio().pin("LED");
        led.configure(PinMode.OUTPUT, Pull.NONE);
        BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();
        led.setEdgeListener(Set.of(Edge.RISING), (pin, edge, when) -> edges.add(edge));
        led.write(true);
        assertEquals(Edge.RISING, edges.poll(2, TimeUnit.SECONDS));
    }
}
