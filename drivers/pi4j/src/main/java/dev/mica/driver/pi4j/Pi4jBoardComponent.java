package dev.mica.driver.pi4j;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.hal.GpioController;
import dev.mica.hal.HalProperties;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;
import dev.mica.hal.support.ServiceRegistrations;

/**
 * The Raspberry Pi board in OSGi: builds a {@link Pi4jBoard} from its configuration and
 * registers one HAL service per controller, bus and channel (their number follows the
 * configuration, so they are registered by hand). It starts only when configured, so that
 * installing the bundle never takes over a machine's GPIO unasked; a configuration change
 * restarts it, and stopping it closes the Pi4J context.
 */
@Component(configurationPid = Pi4jBoardComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Pi4jBoardComponent.class, immediate = true)
@Designate(ocd = Pi4jBoardConfig.class)
public final class Pi4jBoardComponent {
    static final String PID = "dev.mica.driver.pi4j";

    private ServiceRegistrations registrations;
    private Pi4jBoard board;

    @Activate
    synchronized void activate(BundleContext bundleContext, Map<String, Object> properties) {
        registrations = new ServiceRegistrations(bundleContext);
        board = Pi4jBoard.create(properties);
        try {
            registerServices();
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        tearDown();
    }

    synchronized Pi4jBoard board() {
        return board;
    }

    private void registerServices() {
        String name = board.name();
        Pi4jGpioController gpio = board.gpioController();
        registrations.register(GpioController.class, gpio, Map.of(HalProperties.BOARD, name, HalProperties.CONTROLLER, "0",
                HalProperties.PIN_NAMES, gpio.pinNameProperty()));
        board.i2cBuses().forEach(bus -> registrations.register(I2cBus.class, bus, Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id())));
        board.spiBuses().forEach(bus -> registrations.register(SpiBus.class, bus, Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id())));
        board.uarts().forEach(uart -> registrations.register(Uart.class, uart, Map.of(HalProperties.BOARD, name, HalProperties.BUS, uart.id())));
        board.pwmChannels().forEach(pwm -> registrations.register(PwmChannel.class, pwm, Map.of(HalProperties.BOARD, name,
                HalProperties.CHANNEL, pwm.id(), HalProperties.PIN, pwm.pin())));
    }

    private void tearDown() {
        registrations.unregisterAll();
        if (board != null) {
            board.close();
            board = null;
        }
    }
}
