package dev.mica.driver.pi4j;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pi4j.context.Context;

import dev.mica.hal.GpioController;
import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;

/**
 * A Raspberry Pi as plain Java objects over one Pi4J context: GPIO, I2C and SPI buses, UARTs
 * and PWM channels, each implementing its HAL interface. Used directly by the command line
 * and by tests, and wrapped by {@link Pi4jBoardComponent} in OSGi. {@link #close()} shuts
 * the Pi4J context down (lines, devices, Pi4J threads); afterwards every service fails with
 * ENODEV.
 */
public final class Pi4jBoard implements AutoCloseable {
    private final Pi4jBoardSettings settings;
    private final Pi4jRuntime runtime;
    private final BoardGuard guard;
    private final Pi4jGpioController gpio;
    private final Map<String, Pi4jI2cBus> i2c = new LinkedHashMap<>();
    private final Map<String, Pi4jSpiBus> spi = new LinkedHashMap<>();
    private final Map<String, Pi4jUart> uarts = new LinkedHashMap<>();
    private final Map<String, Pi4jPwmChannel> pwm = new LinkedHashMap<>();

    private Pi4jBoard(Pi4jBoardSettings settings, Pi4jRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
        guard = new BoardGuard(settings.board());
        gpio = new Pi4jGpioController(settings.board(), runtime, guard, settings.pins(), settings.pinNames(),
                settings.debounceMicros());
        if (runtime.i2c() != null) {
            settings.i2cBuses().forEach(n -> i2c.put(String.valueOf(n), new Pi4jI2cBus(n, runtime, guard, settings.i2cFrequency())));
        }
        if (runtime.spi() != null) {
            settings.spiBuses().forEach(n -> spi.put(String.valueOf(n), new Pi4jSpiBus(n, settings.spiChipSelects(), runtime, guard)));
        }
        if (runtime.serial() != null) {
            settings.uartDevices().forEach((id, device) -> uarts.put(id, new Pi4jUart(id, device, runtime, guard)));
        }
        if (runtime.pwm() != null) {
            List<Integer> pins = settings.pwmPins();
            for (int channel = 0; channel < pins.size(); channel++) {
                int pin = pins.get(channel);
                String id = String.valueOf(channel);
                pwm.put(id, new Pi4jPwmChannel(id, pin, runtime.pwmAddressIsPin() ? pin : channel, runtime, guard));
            }
        }
    }

    /** A board from its configuration (see {@link Pi4jBoardSettings} for the keys). */
    public static Pi4jBoard create(Map<String, ?> config) {
        Pi4jBoardSettings settings = Pi4jBoardSettings.parse(config);
        Pi4jRuntime runtime = Pi4jPlatform.select(settings.platform()).start(settings);
        try {
            return new Pi4jBoard(settings, runtime);
        } catch (RuntimeException e) {
            runtime.shutdown();
            throw e;
        }
    }

    public String name() {
        return settings.board();
    }

    /** The platform in use, lower case ({@code mock}, {@code gpiod}, ...). */
    public String platform() {
        return runtime.platform().name().toLowerCase();
    }

    /** The Pi4J context, for code that needs Pi4J devices the HAL does not cover. */
    public Context context() {
        return runtime.context();
    }

    public GpioController gpio() {
        return gpio;
    }

    Pi4jGpioController gpioController() {
        return gpio;
    }

    public I2cBus i2c(String id) {
        return find(i2c, id, "I2C bus");
    }

    public SpiBus spi(String id) {
        return find(spi, id, "SPI bus");
    }

    public Uart uart(String id) {
        return find(uarts, id, "UART");
    }

    public PwmChannel pwm(String id) {
        return find(pwm, id, "PWM channel");
    }

    Collection<Pi4jI2cBus> i2cBuses() {
        return i2c.values();
    }

    Collection<Pi4jSpiBus> spiBuses() {
        return spi.values();
    }

    Collection<Pi4jUart> uarts() {
        return uarts.values();
    }

    Collection<Pi4jPwmChannel> pwmChannels() {
        return pwm.values();
    }

    private <T> T find(Map<String, T> map, String id, String what) {
        guard.check();
        T found = map.get(id);
        if (found == null) {
            throw new HalException(HalException.ENODEV, "board " + settings.board() + " has no " + what + " " + id);
        }
        return found;
    }

    /** Closes the board: later calls fail with ENODEV, then Pi4J releases every line and device. */
    @Override
    public void close() {
        guard.close();
        synchronized (gpio) { // waits for a GPIO call in progress
            gpio.close();
        }
        runtime.shutdown();
    }
}
