package dev.mica.modules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.Errno;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;

/**
 * The {@code time} module as MicroPython's unix port has it: sleeps that stay interruptible,
 * wrapping tick counters, wall-clock time since 1970 and broken-down time tuples of nine items
 * (year, month, mday, hour, minute, second, weekday with Monday 0, yearday from 1, dst).
 */
@Component(service = ModuleProvider.class)
public final class TimeModule implements ModuleProvider {
    /** Tick counters wrap at 2**62, the first value past the 64-bit port's small ints. */
    public static final long TICKS_PERIOD = 1L << 62;
    private static final long TICKS_MASK = TICKS_PERIOD - 1;
    private static final long HALF_PERIOD = TICKS_PERIOD / 2;

    @Override
    public String name() {
        return "time";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("time");
        m.setAttr("sleep", new PyBuiltinFunction("sleep", 1, 1, false, (a, kw) -> {
            double seconds = Ops.toDouble(a[0]);
            if (seconds < 0) {
                throw Py.osError(Errno.EINVAL);
            }
            sleepNanos(environment, Math.round(seconds * 1e9));
            return PyNone.NONE;
        }));
        m.setAttr("sleep_ms", new PyBuiltinFunction("sleep_ms", 1, 1, false, (a, kw) -> {
            long ms = Ops.indexValue(a[0], "int");
            if (ms > 0) {
                sleepNanos(environment, ms * 1_000_000L);
            }
            return PyNone.NONE;
        }));
        m.setAttr("sleep_us", new PyBuiltinFunction("sleep_us", 1, 1, false, (a, kw) -> {
            long us = Ops.indexValue(a[0], "int");
            if (us > 0) {
                sleepNanos(environment, us * 1_000L);
            }
            return PyNone.NONE;
        }));
        m.setAttr("ticks_ms", new PyBuiltinFunction("ticks_ms", 0, 0, false,
                (a, kw) -> PyInt.of(ticksMs())));
        m.setAttr("ticks_us", new PyBuiltinFunction("ticks_us", 0, 0, false,
                (a, kw) -> PyInt.of((System.nanoTime() / 1_000L) & TICKS_MASK)));
        m.setAttr("ticks_cpu", new PyBuiltinFunction("ticks_cpu", 0, 0, false,
                (a, kw) -> PyInt.of(System.nanoTime() & TICKS_MASK)));
        m.setAttr("ticks_add", new PyBuiltinFunction("ticks_add", 2, 2, false, (a, kw) -> {
            long ticks = PyInt.truncatedValue(a[0]);
            long delta = Ops.indexValue(a[1], "int");
            if (delta <= -HALF_PERIOD || delta >= HALF_PERIOD) {
                throw Py.overflow("ticks interval overflow");
            }
            return PyInt.of((ticks + delta) & TICKS_MASK);
        }));
        m.setAttr("ticks_diff", new PyBuiltinFunction("ticks_diff", 2, 2, false,
                (a, kw) -> PyInt.of(ticksDiff(PyInt.truncatedValue(a[0]), PyInt.truncatedValue(a[1])))));
        m.setAttr("time", new PyBuiltinFunction("time", 0, 0, false, (a, kw) -> {
            Instant now = Instant.now();
            return new PyFloat(now.getEpochSecond() + now.getNano() / 1e9);
        }));
        m.setAttr("time_ns", new PyBuiltinFunction("time_ns", 0, 0, false, (a, kw) -> {
            Instant now = Instant.now();
            return PyInt.of(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        }));
        m.setAttr("clock", new PyBuiltinFunction("clock", 0, 0, false, (a, kw) -> {
            Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            return new PyFloat(cpu.toNanos() / 1e9);
        }));
        m.setAttr("gmtime", new PyBuiltinFunction("gmtime", 0, 1, false,
                (a, kw) -> brokenDown(secondsArgument(a), ZoneOffset.UTC)));
        m.setAttr("localtime", new PyBuiltinFunction("localtime", 0, 1, false,
                (a, kw) -> brokenDown(secondsArgument(a), ZoneId.systemDefault())));
        m.setAttr("mktime", new PyBuiltinFunction("mktime", 1, 1, false, (a, kw) -> mktime(a[0])));
        return m.seal();
    }

    /** Milliseconds of a monotonic clock, wrapped to the tick period. */
    public static long ticksMs() {
        return (System.nanoTime() / 1_000_000L) & TICKS_MASK;
    }

    /** The signed distance from {@code start} to {@code end} on the tick circle. */
    public static long ticksDiff(long end, long start) {
        return ((end - start + HALF_PERIOD) & TICKS_MASK) - HALF_PERIOD;
    }

    private static void sleepNanos(ModuleEnvironment environment, long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            long millis = left / 1_000_000L;
            if (millis > 0) {
                environment.sleep(millis);
            } else {
                environment.checkInterrupts();
                // sub-millisecond rest: a short park is closer than rounding up to a whole ms
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            left = deadline - System.nanoTime();
        }
    }

    private static long secondsArgument(PyObject[] a) {
        if (a.length == 0 || a[0] == PyNone.NONE) {
            return Instant.now().getEpochSecond();
        }
        if (a[0] instanceof PyFloat f) {
            return (long) f.value;
        }
        return Ops.indexValue(a[0], "int");
    }

    private static PyTuple brokenDown(long seconds, ZoneId zone) {
        Instant instant = Instant.ofEpochSecond(seconds);
        ZonedDateTime t = instant.atZone(zone);
        ZoneRules rules = zone.getRules();
        boolean dst = rules.isDaylightSavings(instant);
        return new PyTuple(
                PyInt.of(t.getYear()), PyInt.of(t.getMonthValue()), PyInt.of(t.getDayOfMonth()),
                PyInt.of(t.getHour()), PyInt.of(t.getMinute()), PyInt.of(t.getSecond()),
                PyInt.of(t.getDayOfWeek().getValue() - 1), PyInt.of(t.getDayOfYear()),
                PyInt.of(dst ? 1 : 0));
    }

    /** Local broken-down time to seconds since 1970; out-of-range fields carry over as in C. */
    private static PyObject mktime(PyObject tuple) {
        PyObject[] items = Ops.toArray(tuple);
        if (items.length < 8 || items.length > 9) {
            throw Py.typeError("mktime needs a tuple of length 8 or 9");
        }
        long[] f = new long[6];
        for (int i = 0; i < 6; i++) {
            f[i] = Ops.indexValue(items[i], "int");
        }
        try {
            LocalDateTime local = LocalDateTime.of((int) f[0], 1, 1, 0, 0, 0)
                    .plusMonths(f[1] - 1).plusDays(f[2] - 1)
                    .plusHours(f[3]).plusMinutes(f[4]).plusSeconds(f[5]);
            return PyInt.of(local.atZone(ZoneId.systemDefault()).toEpochSecond());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw Py.error(PyBaseException.OVERFLOW_ERROR, "invalid mktime usage");
        }
    }
}
