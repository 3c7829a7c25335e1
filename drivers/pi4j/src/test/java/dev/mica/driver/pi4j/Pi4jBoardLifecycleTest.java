package dev.mica.driver.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;

class Pi4jBoardLifecycleTest {

    private static void assertGone(Executable call) {
        assertEquals(HalException.ENODEV, assertThrows(HalException.class, call).errno());
    }

    @Test
    void aClosedBoardFailsWithEnodev() {
        Pi4jBoard board = MockBoards.create();
        GpioPin pin = board.gpio().pin(4);
        pin.configure(PinMode.OUTPUT, Pull.NONE);
        I2cBus i2c = board.i2c("1");
        SpiBus spi = board.spi("0");
        Uart uart = board.uart("0");
        board.close();
        assertTrue(board.context().isShutdown());
        assertGone(() -> pin.write(true));
        assertGone(pin::read);
        assertGone(() -> pin.setEdgeListener(Set.of(), null));
        assertGone(() -> board.gpio().pin(4));
        assertGone(() -> i2c.transfer(List.of(I2cMessage.write(0x10, new byte[1]))));
        assertGone(i2c::scan);
        assertGone(() -> spi.transfer(0, new byte[1], 0, null, 0, 1, 0));
        assertGone(() -> uart.write(new byte[1], 0, 1));
        assertGone(() -> board.pwm("0"));
    }

    @Test
    void closingLeavesNoThreadsBehind() throws InterruptedException {
        Pi4jBoard board = MockBoards.create("board", "lifecycle");
        GpioPin pin = board.gpio().pin(4);
        pin.configure(PinMode.INPUT, Pull.NONE);
        pin.setEdgeListener(Set.of(dev.mica.hal.Edge.RISING), (p, e, t) -> { });
        board.close();
        Thread.sleep(50);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().equals("mica-pi4j-gpio-lifecycle") || t.getName().startsWith("Pi4J."))),
                "threads left: " + Thread.getAllStackTraces().keySet());
    }

    @Test
    void configurationNamesBoardAndBuses() {
        try (Pi4jBoard board = MockBoards.create("board", "rpi4", "i2c", "0, 1", "spi", "0,1", "spi.cs", "1",
                "uart", "0=/dev/serial0, 1=/dev/ttyAMA1", "pwm.pins", "12")) {
            assertEquals("rpi4", board.name());
            assertEquals("mock", board.platform());
            assertEquals(2, board.i2cBuses().size());
            assertEquals(1, board.spi("1").chipSelectCount());
            assertEquals(2, board.uarts().size());
            assertEquals(12, ((Pi4jPwmChannel) board.pwm("0")).pin());
            assertGone(() -> board.i2c("3"));
        }
    }

    @Test
    void unknownPlatformIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pi4jBoard.create(Map.of("platform", "arduino")));
        assertTrue(e.getMessage().contains("arduino"));
    }
}
