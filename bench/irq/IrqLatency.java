import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.mica.driver.sim.SimBoard;
import dev.mica.hal.GpioController;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalService;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.machine.MachineModule;
import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * Interrupt latency on the simulated board: a harness thread drives GPIO 5, which the board
 * wires to GPIO 6; the program's Pin(6).irq handler calls irqbench.stamp() as its first
 * statement. Latency = stamp time - the time just before the harness wrote the output, so it
 * covers the board's edge thread, the machine module's listener, the interpreter's queue and
 * the wait for the program's next look at interrupts. Edges come at random 100-600 us gaps, so
 * they hit the program anywhere in its loop. The first WARMUP edges warm the JIT and are not
 * counted. Programs: "busy" (a counting loop at module level), "busy-function" (the same loop
 * in a function, which the native emitter compiles once hot) and "sleeping" (time.sleep in a
 * loop); handlers soft (scheduled) and hard.
 * usage: java -cp JARS IrqLatency.java WARMUP EDGES
 */
public class IrqLatency {
    /** Times the handlers stamped, read by the harness. */
    static final AtomicLong lastStamp = new AtomicLong();
    static final AtomicLong stamps = new AtomicLong();
    /** Released by each stamp: the harness waits on it without spinning (the machine may have 2 cores). */
    static final java.util.concurrent.Semaphore stamped = new java.util.concurrent.Semaphore(0);
    static volatile boolean ready;

    /** The module irqbench: stamp() and ready() for the program. */
    static final class BenchModule implements ModuleProvider {
        @Override
        public String name() {
            return "irqbench";
        }

        @Override
        public PyModule create(ModuleEnvironment environment) {
            FixedModule m = new FixedModule("irqbench");
            m.setAttr("stamp", new PyBuiltinFunction("stamp", 0, 0, false, (a, kw) -> {
                lastStamp.set(System.nanoTime());
                stamps.incrementAndGet();
                stamped.release();
                return PyNone.NONE;
            }));
            m.setAttr("ready", new PyBuiltinFunction("ready", 0, 0, false, (a, kw) -> {
                ready = true;
                return PyNone.NONE;
            }));
            return m.seal();
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int edges = Integer.parseInt(args[1]);
        System.out.println("| program | handler | edges | p50 (us) | p90 (us) | p99 (us) | max (us) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String program : List.of("busy", "busy-function", "sleeping")) {
            for (boolean hard : new boolean[] {false, true}) {
                long[] latencies = measure(program, hard, warmup, edges);
                Arrays.sort(latencies);
                System.out.printf("| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", program, hard ? "hard" : "soft",
                        latencies.length, at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99),
                        latencies[latencies.length - 1] / 1000.0);
            }
        }
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1000.0;
    }

    private static long[] measure(String program, boolean hard, int warmup, int edges) throws Exception {
        SimBoard board = SimBoard.create(Map.of("wire", "5->6"));
        MachineModule machine = new MachineModule();
        invoke(machine, "activate", new Class<?>[0]);
        GpioPin output = null;
        for (HalService<?> service : board.services()) {
            if (service.service() instanceof GpioController gpio) {
                invoke(machine, "bindGpio", new Class<?>[] {GpioController.class, Map.class}, gpio, service.properties());
                output = gpio.pin(5);
            }
        }
        List<ModuleProvider> providers = new ArrayList<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            if (!p.name().equals("machine")) {
                providers.add(p);
            }
        }
        providers.add(machine);
        providers.add(new BenchModule());
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        set(factory, "boundModules", List.copyOf(providers));
        set(factory, "modulesManaged", true);

        String source = """
                import irqbench, time
                from machine import Pin
                out = Pin(5, Pin.OUT, value=0)
                inp = Pin(6, Pin.IN)
                stamp = irqbench.stamp
                def handler(p):
                    stamp()
                inp.irq(handler, Pin.IRQ_RISING, hard=%s)
                irqbench.ready()
                def spin():
                    n = 0
                    while True:
                        n += 1
                n = 0
                while True:
                    %s
                """.formatted(hard ? "True" : "False", switch (program) {
                    case "busy" -> "n += 1";
                    case "busy-function" -> "spin()";
                    default -> "time.sleep(1)";
                });
        Interpreter interpreter = factory.create(InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream())); // the KeyboardInterrupt that ends it
        ready = false;
        stamps.set(0);
        Thread runner = new Thread(() -> interpreter.runSource(source, "<irq-bench>"), "bench-program");
        runner.start();
        while (!ready) {
            Thread.sleep(1);
        }
        long[] latencies = new long[edges];
        for (int i = 0; i < warmup + edges; i++) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000, 600_000));
            stamped.drainPermits();
            long start = System.nanoTime();
            output.write(true);
            if (!stamped.tryAcquire(2, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("no handler call within 2 s (edge " + i + ")");
            }
            if (i >= warmup) {
                latencies[i - warmup] = lastStamp.get() - start;
            }
            output.write(false);
        }
        interpreter.interrupt();
        runner.join(5000);
        stamps.set(0);
        interpreter.close();
        board.close();
        return latencies;
    }

    private static void invoke(Object target, String name, Class<?>[] types, Object... arguments) throws Exception {
        Method method = target.getClass().getDeclaredMethod(name, types);
        method.setAccessible(true);
        method.invoke(target, arguments);
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
