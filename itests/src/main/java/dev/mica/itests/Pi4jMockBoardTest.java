package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The Pi4J board driver inside OSGi on Pi4J's mock platform (its providers registered by the
 * driver, since ServiceLoader does not cross bundles): the machine module's Pin, interrupts,
 * I2C and SPI work over it as over the simulated board. The simulated board is stopped
 * meanwhile, so that every service the program reaches is the Pi4J driver's.
 */
class Pi4jMockBoardTest {
    private static final String PID = "dev.mica.driver.pi4j";

    private Configuration configuration;
    private Bundle sim;

    @BeforeEach
    void mockBoardInsteadOfTheSimulatedOne() throws Exception {
        sim = Bundles.bundle(SimBoards.BUNDLE);
        sim.stop();
        configuration = Reflect.withService(ConfigurationAdmin.class.getName(), null,
                admin -> ((ConfigurationAdmin) admin).getConfiguration(PID, "?"));
        configuration.update(new Hashtable<>(Map.of("platform", "mock", "board", "rpi-mock", "pins", "2-27",
                "pin.names", "LED=17, BUTTON=27", "i2c", "1", "spi", "0", "pwm.pins", "18")));
        Reflect.withService("dev.mica.hal.I2cBus", "(mica.board=rpi-mock)", bus -> null);
    }

    @AfterEach
    void backToTheSimulatedBoard() throws Exception {
        configuration.delete();
        sim.start();
    }

    @Test
    void pinsInterruptsAndBusesWorkOnTheMockPlatform() throws Exception {
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("""
                    Pin(LED, mode=OUT) 1 0
                    soft [1, 0]
                    hard [0, 8]
                    i2c [] b'B\\x17'
                    i2c OSError 19
                    spi bytearray(b'\\x01\\x02\\x03')
                    pin ValueError invalid pin
                    """, py.run("""
                    import time, micropython
                    from machine import Pin, I2C, SPI
                    def wait_for(items, n):
                        deadline = time.ticks_add(time.ticks_ms(), 5000)
                        while len(items) < n and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                            time.sleep_ms(1)
                    led = Pin('LED', Pin.OUT, value=0)
                    led.on(); high = led.value()
                    led.off()
                    print(repr(led), high, led.value())
                    # on the mock, changes of an output are its edges
                    seen = []
                    led.irq(lambda p: seen.append(p.value()), Pin.IRQ_RISING | Pin.IRQ_FALLING)
                    led.on(); wait_for(seen, 1)
                    led.off(); wait_for(seen, 2)
                    print('soft', seen)
                    led.irq(None)
                    hard = [None, None]
                    def on_rise(p):
                        # the heap is locked: the handler only stores into what exists
                        depth = micropython.heap_unlock()
                        micropython.heap_lock()
                        hard[0] = depth
                        hard[1] = p.irq().flags()
                    led.irq(on_rise, Pin.IRQ_RISING, hard=True)
                    led.on()
                    deadline = time.ticks_add(time.ticks_ms(), 5000)
                    while hard[1] is None and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                        time.sleep_ms(1)
                    led.off()
                    print('hard', hard)
                    i2c = I2C(1)
                    found = i2c.scan()
                    i2c.writeto_mem(0x48, 0x01, b'\\x42\\x17')
                    print('i2c', found, i2c.readfrom_mem(0x48, 0x01, 2))
                    try:
                        I2C(3).scan()
                    except OSError as e:
                        print('i2c OSError', e.errno)
                    spi = SPI(0)
                    spi.write(b'\\x01\\x02\\x03')
                    buf = bytearray(3)
                    spi.readinto(buf)
                    print('spi', buf)
                    try:
                        Pin(40)
                    except ValueError as e:
                        print('pin ValueError', e)
                    """));
        }
    }
}
