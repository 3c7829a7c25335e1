package dev.mica.machine;

import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.mica.hal.AdcChannel;
import dev.mica.hal.GpioController;
import dev.mica.hal.HalService;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.StandaloneBoard;
import dev.mica.hal.Uart;
import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyStr;

/**
 * The {@code machine} module. In OSGi it works over every HAL service bound (dynamically: a
 * driver may come, go or be replaced while apps run). On a plain class path (bin/mica) a board
 * is opened when one is asked for with the system property {@code mica.board} (set by
 * {@code -X board=}) or the environment variable {@code MICA_BOARD}: {@code kind[:argument]},
 * e.g. {@code sim:board.properties}, opened by the driver whose {@link StandaloneBoard.Opener}
 * has that kind. Without a board the module has what the unix port's has (mem8/16/32, PinBase,
 * Signal, idle, soft_reset, time_pulse_us) plus the hardware-free Timer, RTC, bitstream and
 * disable_irq/enable_irq; the hardware classes (Pin, I2C, SPI, UART, PWM, ADC, ...) come with
 * a board.
 */
@Component(service = ModuleProvider.class)
public final class MachineModule implements ModuleProvider {
    /** The system property {@code bin/mica -X board=} sets. */
    public static final String BOARD_PROPERTY = "mica.board";
    /** The environment variable naming a board for {@code bin/mica}. */
    public static final String BOARD_VARIABLE = "MICA_BOARD";

    private final HalServices services = new HalServices();
    private volatile boolean managed;

    @Activate
    void activate() {
        managed = true;
    }

    @Override
    public String name() {
        return "machine";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        HalServices hal = managed ? services : standaloneBoard(environment);
        MachineState state = new MachineState(environment, hal);
        FixedModule m = new FixedModule("machine");
        state.pinBaseType = PinBaseType.create();
        state.signalType = SignalType.create(state);
        m.setAttr("mem8", MemType.MEM8);
        m.setAttr("mem16", MemType.MEM16);
        m.setAttr("mem32", MemType.MEM32);
        m.setAttr("PinBase", state.pinBaseType);
        m.setAttr("Signal", state.signalType);
        m.setAttr("Timer", TimerType.create(state));
        m.setAttr("RTC", RtcType.create());
        m.setAttr("WDT", WdtType.create(state));
        MachineFunctions.addTo(m, state);
        if (hal != null) {
            state.pinType = PinType.create(state);
            m.setAttr("Pin", state.pinType);
            m.setAttr("I2C", I2cType.create(state, false));
            m.setAttr("SoftI2C", I2cType.create(state, true));
            m.setAttr("SPI", SpiType.create(state, false));
            m.setAttr("SoftSPI", SpiType.create(state, true));
            m.setAttr("UART", UartType.create(state));
            m.setAttr("PWM", PwmType.create(state));
            m.setAttr("ADC", AdcType.create(state));
            MachineFunctions.addBoardFunctions(m, state);
        }
        return m.seal();
    }

    /** The board named for bin/mica, its services in a registry of their own; null for none. */
    private static HalServices standaloneBoard(ModuleEnvironment environment) {
        String spec = System.getProperty(BOARD_PROPERTY);
        if (spec == null || spec.isEmpty()) {
            spec = environment.environmentVariables().get(BOARD_VARIABLE);
        }
        if (spec == null || spec.isEmpty()) {
            return null;
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        for (StandaloneBoard.Opener opener : ServiceLoader.load(StandaloneBoard.Opener.class, MachineModule.class.getClassLoader())) {
            if (opener.kind().equals(kind)) {
                StandaloneBoard board;
                try {
                    board = opener.open(argument);
                } catch (RuntimeException e) {
                    throw dev.mica.obj.Py.valueError("machine: cannot open board " + spec + ": " + e.getMessage());
                }
                HalServices hal = new HalServices();
                for (HalService<?> service : board.services()) {
                    hal.add(service.service(), service.properties());
                }
                environment.whenClosed(board::close);
                return hal;
            }
        }
        throw dev.mica.obj.Py.valueError("machine: no driver for board " + PyStr.quote(kind));
    }

    // ---- HAL services, bound by Declarative Services ----

    @Reference(name = "gpio", service = GpioController.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindGpio")
    void bindGpio(GpioController service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindGpio(GpioController service) {
        services.remove(service);
    }

    @Reference(name = "i2c", service = I2cBus.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindI2c")
    void bindI2c(I2cBus service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindI2c(I2cBus service) {
        services.remove(service);
    }

    @Reference(name = "spi", service = SpiBus.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindSpi")
    void bindSpi(SpiBus service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindSpi(SpiBus service) {
        services.remove(service);
    }

    @Reference(name = "uart", service = Uart.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindUart")
    void bindUart(Uart service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindUart(Uart service) {
        services.remove(service);
    }

    @Reference(name = "pwm", service = PwmChannel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindPwm")
    void bindPwm(PwmChannel service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindPwm(PwmChannel service) {
        services.remove(service);
    }

    @Reference(name = "adc", service = AdcChannel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindAdc")
    void bindAdc(AdcChannel service, Map<String, Object> properties) {
        services.add(service, properties);
    }

    void unbindAdc(AdcChannel service) {
        services.remove(service);
    }
}
