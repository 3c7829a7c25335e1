package dev.mica.driver.pi4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.library.pigpio.PiGpio;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.LinuxFsPlugin;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProviderImpl;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.plugin.mock.provider.serial.MockSerialProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import com.pi4j.plugin.pigpio.provider.gpio.digital.PiGpioDigitalInputProvider;
import com.pi4j.plugin.pigpio.provider.gpio.digital.PiGpioDigitalOutputProvider;
import com.pi4j.plugin.pigpio.provider.i2c.PiGpioI2CProvider;
import com.pi4j.plugin.pigpio.provider.pwm.PiGpioPwmProvider;
import com.pi4j.plugin.pigpio.provider.serial.PiGpioSerialProvider;
import com.pi4j.plugin.pigpio.provider.spi.PiGpioSpiProvider;
import com.pi4j.provider.Provider;

/**
 * The sets of Pi4J providers a board can run on. Providers are instantiated and added to the
 * context by hand: Pi4J's own discovery uses ServiceLoader, which sees nothing across OSGi
 * bundles, and would also pick up hardware nobody asked for.
 */
enum Pi4jPlatform {
    /** Pi4J's in-memory providers: the real Pi4J code path with no hardware (tests, CI). */
    MOCK,
    /** GPIO through libgpiod (/dev/gpiochipN), I2C, SPI and PWM through the Linux device files; any Pi incl. 5. */
    GPIOD,
    /** Everything through the Linux device files, GPIO through the deprecated sysfs interface. */
    LINUXFS,
    /** Everything, serial included, through the pigpio C library (Pi 1-4, needs root). */
    PIGPIO;

    /** The platform a configuration names; {@code auto} picks {@link #GPIOD} on a Raspberry Pi. */
    static Pi4jPlatform select(String name) {
        if (!"auto".equals(name)) {
            for (Pi4jPlatform platform : values()) {
                if (platform.name().equalsIgnoreCase(name)) {
                    return platform;
                }
            }
            throw new IllegalArgumentException("unknown Pi4J platform " + name + " (auto, mock, gpiod, linuxfs, pigpio)");
        }
        if (runsOnRaspberryPi() && Files.exists(Path.of("/dev/gpiochip0"))) {
            return GPIOD;
        }
        throw new IllegalStateException("no Raspberry Pi GPIO found; configure platform=mock to run without hardware");
    }

    private static boolean runsOnRaspberryPi() {
        try {
            return Files.readString(Path.of("/proc/device-tree/model"), StandardCharsets.ISO_8859_1).contains("Raspberry Pi");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Builds and initializes a Pi4J context with this platform's providers. */
    Pi4jRuntime start(Pi4jBoardSettings settings) {
        return switch (this) {
            case MOCK -> {
                Provider<?, ?, ?>[] providers = new Provider<?, ?, ?>[] {MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance(),
                        MockSpiProvider.newInstance(), MockPwmProvider.newInstance(), MockSerialProvider.newInstance()};
                Context context = Pi4J.newContextBuilder().add(new MockPlatform()).add(providers).build();
                yield runtime(context, providers, true, () -> { });
            }
            case GPIOD -> {
                Provider<?, ?, ?>[] providers = new Provider<?, ?, ?>[] {GpioDDigitalInputProvider.newInstance(),
                        GpioDDigitalOutputProvider.newInstance(), LinuxFsI2CProvider.newInstance(),
                        LinuxFsSpiProvider.newInstance(), linuxPwm(settings), null};
                yield runtime(build(providers), providers, false, () -> { });
            }
            case LINUXFS -> {
                Provider<?, ?, ?>[] providers = new Provider<?, ?, ?>[] {LinuxFsDigitalInputProvider.newInstance(),
                        LinuxFsDigitalOutputProvider.newInstance(), LinuxFsI2CProvider.newInstance(),
                        LinuxFsSpiProvider.newInstance(), linuxPwm(settings), null};
                yield runtime(build(providers), providers, false, () -> { });
            }
            case PIGPIO -> {
                PiGpio piGpio = PiGpio.newNativeInstance();
                Provider<?, ?, ?>[] providers = new Provider<?, ?, ?>[] {PiGpioDigitalInputProvider.newInstance(piGpio),
                        PiGpioDigitalOutputProvider.newInstance(piGpio), PiGpioI2CProvider.newInstance(piGpio),
                        PiGpioSpiProvider.newInstance(piGpio), PiGpioPwmProvider.newInstance(piGpio),
                        PiGpioSerialProvider.newInstance(piGpio)};
                Runnable releaseLibrary = () -> {
                    if (piGpio.isInitialized()) {
                        piGpio.shutdown();
                    }
                };
                try {
                    yield runtime(build(providers), providers, true, releaseLibrary);
                } catch (RuntimeException e) {
                    releaseLibrary.run();
                    throw e;
                }
            }
        };
    }

    /**
     * Settles a newly opened input whose line nothing drives. On a Pi an unconnected input
     * reads what its pull resistor makes it; Pi4J's mock line starts low whatever the pull, so
     * on the mock the line is set to the pull level (with the edge a rising line gives). Real
     * platforms read the line itself.
     */
    void settleUndrivenInput(DigitalInput input, PullResistance pull) {
        if (this == MOCK && input instanceof MockDigitalInput line) {
            line.mockState(pull == PullResistance.PULL_UP ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    private static LinuxFsPwmProvider linuxPwm(Pi4jBoardSettings settings) {
        return settings.pwmChip() < 0
                ? new LinuxFsPwmProviderImpl(LinuxFsPlugin.DEFAULT_PWM_FILESYSTEM_PATH)
                : LinuxFsPwmProvider.newInstance(LinuxFsPlugin.DEFAULT_PWM_FILESYSTEM_PATH, settings.pwmChip());
    }

    private static Context build(Provider<?, ?, ?>[] providers) {
        var builder = Pi4J.newContextBuilder();
        for (Provider<?, ?, ?> provider : providers) {
            if (provider != null) {
                builder.add(provider);
            }
        }
        return builder.build();
    }

    /** Providers in the order digital input, digital output, I2C, SPI, PWM, serial. */
    private Pi4jRuntime runtime(Context context, Provider<?, ?, ?>[] providers, boolean pwmAddressIsPin,
            Runnable afterShutdown) {
        return new Pi4jRuntime(this, context, id(providers[0]), id(providers[1]), id(providers[2]), id(providers[3]),
                id(providers[4]), id(providers[5]), pwmAddressIsPin, afterShutdown);
    }

    private static String id(Provider<?, ?, ?> provider) {
        return provider == null ? null : provider.id();
    }
}
