package dev.mica.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.mica.driver.sim.SimBoard;
import dev.mica.hal.AdcChannel;
import dev.mica.hal.GpioController;
import dev.mica.hal.HalService;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.module.ModuleProvider;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * A driver replaced while a program runs, as Declarative Services does it: the program's Pin,
 * I2C and UART objects raise OSError(ENODEV) while no driver is bound and work again, with
 * their settings, on the new driver.
 */
class DriverSwapTest {
    private final MachineModule machine = new MachineModule();

    /** An interpreter factory that offers this test's machine module as the service registry would. */
    private MicaInterpreterFactory factory() throws ReflectiveOperationException {
        List<ModuleProvider> providers = new ArrayList<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            if (!p.name().equals("machine")) {
                providers.add(p);
            }
        }
        providers.add(machine);
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        set(factory, "boundModules", List.copyOf(providers));
        set(factory, "modulesManaged", true);
        return factory;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private void bind(SimBoard board) {
        for (HalService<?> s : board.services()) {
            Object service = s.service();
            Map<String, Object> p = s.properties();
            if (service instanceof GpioController g) {
                machine.bindGpio(g, p);
            } else if (service instanceof I2cBus b) {
                machine.bindI2c(b, p);
            } else if (service instanceof SpiBus b) {
                machine.bindSpi(b, p);
            } else if (service instanceof Uart u) {
                machine.bindUart(u, p);
            } else if (service instanceof PwmChannel c) {
                machine.bindPwm(c, p);
            } else if (service instanceof AdcChannel c) {
                machine.bindAdc(c, p);
            }
        }
    }

    private void unbind(SimBoard board) {
        for (HalService<?> s : board.services()) {
            Object service = s.service();
            if (service instanceof GpioController g) {
                machine.unbindGpio(g);
            } else if (service instanceof I2cBus b) {
                machine.unbindI2c(b);
            } else if (service instanceof SpiBus b) {
                machine.unbindSpi(b);
            } else if (service instanceof Uart u) {
                machine.unbindUart(u);
            } else if (service instanceof PwmChannel c) {
                machine.unbindPwm(c);
            } else if (service instanceof AdcChannel c) {
                machine.unbindAdc(c);
            }
        }
    }

    private static String run(Interpreter interpreter, java.io.ByteArrayOutputStream out, String source) {
        out.reset();
        interpreter.runSource(source, "<test>");
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void objectsOutliveTheDriverAndRaiseEnodevInTheGap() throws Exception {
        machine.activate();
        SimBoard first = SimBoard.create(Map.of("wire", "5->6", "pwm.pins", "15"));
        bind(first);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new java.io.ByteArrayInputStream(new byte[0]), out, err);
        try (Interpreter interpreter = factory().create(config)) {
            assertEquals("1 b'x'\n", run(interpreter, out, """
                    import machine
                    from machine import Pin, UART
                    o = Pin(5, Pin.OUT, value=1)
                    u = UART(1, 9600)
                    pwm = machine.PWM(Pin(15), freq=2000, duty_u16=1000)
                    u.write(b'x')
                    print(Pin(6).value(), u.read())
                    import builtins
                    builtins.o, builtins.u, builtins.pwm = o, u, pwm   # kept for the next runs
                    """), err.toString());

            unbind(first);
            first.close();
            assertEquals("19\n19\n19\n", run(interpreter, out, """
                    import machine
                    for f in (lambda: o.value(0), lambda: u.write(b'y'), lambda: machine.I2C(1).scan()):
                        try:
                            f()
                        except OSError as e:
                            print(e.errno)
                    """), err.toString());

            SimBoard second = SimBoard.create(Map.of("wire", "5->6", "pwm.pins", "15"));
            bind(second);
            try {
                assertEquals("1 True b'z' 9600 2000 1000\n", run(interpreter, out, """
                        from machine import Pin
                        o.value(1)
                        u.write(b'z')
                        print(Pin(6).value(), o.mode() == Pin.OUT, u.read(), int(str(u).split('baudrate=')[1].split(',')[0]), pwm.freq(), pwm.duty_u16())
                        """), err.toString());
            } finally {
                unbind(second);
                second.close();
            }
        }
    }
}
