package dev.mica.modules;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;

/**
 * The {@code time} module's clock and sleep functions as MicroPython's unix port has them:
 * wall-clock {@code time()}/{@code time_ns()}, the wrapping {@code ticks_*} counters and their
 * arithmetic, and sleeps that stay interruptible and let the program's other threads run.
 */
@Component(service = ModuleProvider.class)
public final class TimeModule implements ModuleProvider {
    /** Ticks wrap at MicroPython's small-int range of a 64-bit port. */
    static final long TICKS_PERIOD = 1L << 62;
    private static final long TICKS_MAX = TICKS_PERIOD - 1;
    private static final long TICKS_HALF = TICKS_PERIOD / 2;

    /** Start of the monotonic ticks counters (the JVM's nanoTime origin is arbitrary and may be negative). */
    private final long origin = System.nanoTime();

    @Override
    public String name() {
        return "time";
    }

    @Override
    public boolean extensible() {
        return true;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("time");
        m.setAttr("sleep", new PyBuiltinFunction("sleep", 1, 1, false, (a, kw) -> {
            double seconds = Ops.toDouble(a[0]);
            environment.sleep(seconds <= 0 ? 0 : (long) Math.ceil(seconds * 1000));
            return PyNone.NONE;
        }));
        m.setAttr("sleep_ms", new PyBuiltinFunction("sleep_ms", 1, 1, false, (a, kw) -> {
            environment.sleep(Math.max(0, Ops.indexValue(a[0], "int")));
            return PyNone.NONE;
        }));
        m.setAttr("sleep_us", new PyBuiltinFunction("sleep_us", 1, 1, false, (a, kw) -> {
            long micros = Math.max(0, Ops.indexValue(a[0], "int"));
            environment.sleep((micros + 999) / 1000);
            return PyNone.NONE;
        }));
        m.setAttr("ticks_ms", new PyBuiltinFunction("ticks_ms", 0, 0, false,
                (a, kw) -> PyInt.of((elapsedNanos() / 1_000_000) & TICKS_MAX)));
        m.setAttr("ticks_us", new PyBuiltinFunction("ticks_us", 0, 0, false,
                (a, kw) -> PyInt.of((elapsedNanos() / 1_000) & TICKS_MAX)));
        m.setAttr("ticks_cpu", new PyBuiltinFunction("ticks_cpu", 0, 0, false,
                (a, kw) -> PyInt.of(elapsedNanos() & TICKS_MAX)));
        m.setAttr("ticks_diff", new PyBuiltinFunction("ticks_diff", 2, 2, false, (a, kw) -> {
            long end = Ops.indexValue(a[0], "int");
            long start = Ops.indexValue(a[1], "int");
            return PyInt.of(((end - start + TICKS_HALF) & TICKS_MAX) - TICKS_HALF);
        }));
        m.setAttr("ticks_add", new PyBuiltinFunction("ticks_add", 2, 2, false, (a, kw) -> {
            long ticks = Ops.indexValue(a[0], "int");
            long delta = Ops.indexValue(a[1], "int");
            if (delta + TICKS_HALF - 1 >= TICKS_MAX || delta + TICKS_HALF - 1 < 0) {
                throw Py.error(PyBaseException.OVERFLOW_ERROR, "ticks interval overflow");
            }
            return PyInt.of((ticks + delta) & TICKS_MAX);
        }));
        m.setAttr("time", new PyBuiltinFunction("time", 0, 0, false,
                (a, kw) -> new PyFloat(System.currentTimeMillis() / 1000.0)));
        m.setAttr("time_ns", new PyBuiltinFunction("time_ns", 0, 0, false, (a, kw) -> {
            java.time.Instant now = java.time.Instant.now();
            return PyInt.of(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        }));
        return m.seal();
    }

    private long elapsedNanos() {
        return System.nanoTime() - origin;
    }
}
