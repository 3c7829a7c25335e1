package dev.mica.machine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/** The functions of the {@code machine} module. */
final class MachineFunctions {
    /** What disable_irq returns on the unix port (its atomic-section state). */
    private static final long IRQ_STATE = 0xffffffffL;
    /** How often a busy wait in Java looks for Ctrl-C. */
    private static final int POLL_EVERY = 4096;

    private MachineFunctions() {}

    static void addTo(FixedModule m, MachineState state) {
        m.setAttr("idle", new PyBuiltinFunction("idle", 0, 0, false, (a, kw) -> {
            state.env.sleep(0); // lets other threads and queued callbacks run, as a wait for an interrupt would
            return PyNone.NONE;
        }));
        m.setAttr("soft_reset", new PyBuiltinFunction("soft_reset", 0, 1, false, (a, kw) -> {
            throw new PyException(new PyBaseException(PyBaseException.SYSTEM_EXIT, a));
        }));
        m.setAttr("time_pulse_us", new PyBuiltinFunction("time_pulse_us", 2, 3, false,
                (a, kw) -> PyInt.of(timePulseUs(state, a[0], a[1].isTrue() ? 1 : 0, a.length > 2 ? Args.intOf(a[2]) : 1_000_000))));
        m.setAttr("bitstream", new PyBuiltinFunction("bitstream", 4, 4, false, (a, kw) -> {
            bitstream(a[0], Args.intOf(a[1]), a[2], a[3]);
            return PyNone.NONE;
        }));
        // disable_irq holds the interpreter's atomic section: the unix port's mutual exclusion
        // between threads (and scheduled handlers wait for it to end)
        ReentrantLock atomic = new ReentrantLock();
        m.setAttr("disable_irq", new PyBuiltinFunction("disable_irq", 0, 0, false, (a, kw) -> {
            if (!atomic.tryLock()) {
                state.env.withoutInterpreterLock(() -> {
                    atomic.lock();
                    return null;
                });
            }
            return PyInt.of(IRQ_STATE);
        }));
        m.setAttr("enable_irq", new PyBuiltinFunction("enable_irq", 1, 1, false, (a, kw) -> {
            Args.intOf(a[0]);
            if (atomic.isHeldByCurrentThread()) {
                atomic.unlock();
            }
            return PyNone.NONE;
        }));
    }

    /** Functions that only make sense on a board. */
    static void addBoardFunctions(FixedModule m, MachineState state) {
        long[] frequency = {125_000_000L}; // nominal: the HAL has no CPU clock to ask
        m.setAttr("freq", new PyBuiltinFunction("freq", 0, 1, false, (a, kw) -> {
            if (a.length == 0) {
                return PyInt.of(frequency[0]);
            }
            long hz = Args.intOf(a[0]);
            if (hz <= 0) {
                throw Py.valueError("frequency out of range");
            }
            frequency[0] = hz;
            return PyNone.NONE;
        }));
        m.setAttr("unique_id", new PyBuiltinFunction("unique_id", 0, 0, false, (a, kw) -> new PyBytes(uniqueId(state))));
        // a reset ends the program; restarting it is the gateway's restart policy
        m.setAttr("reset", new PyBuiltinFunction("reset", 0, 0, false, (a, kw) -> {
            throw new PyException(new PyBaseException(PyBaseException.SYSTEM_EXIT, Py.NO_ARGS));
        }));
        m.setAttr("lightsleep", new PyBuiltinFunction("lightsleep", 0, 1, false, (a, kw) -> {
            state.env.sleep(a.length == 0 ? 0 : Args.intOf(a[0]));
            return PyNone.NONE;
        }));
    }

    /** Eight bytes that name the board(s): a digest of their names, the same on every run. */
    private static byte[] uniqueId(MachineState state) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(String.join(",", state.hal.boards()).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /**
     * Waits for the pin to reach {@code level}, then times how long it stays there; -2 if it
     * never got there and -1 if it stayed longer than the timeout (both in microseconds).
     */
    private static long timePulseUs(MachineState state, PyObject pin, int level, long timeoutUs) {
        long start = micros();
        int polls = 0;
        while (VirtualPins.read(pin) != level) {
            if (micros() - start >= timeoutUs) {
                return -2;
            }
            if (++polls % POLL_EVERY == 0) {
                state.env.checkInterrupts();
            }
        }
        start = micros();
        while (VirtualPins.read(pin) == level) {
            if (micros() - start >= timeoutUs) {
                return -1;
            }
            if (++polls % POLL_EVERY == 0) {
                state.env.checkInterrupts();
            }
        }
        return micros() - start;
    }

    private static long micros() {
        return System.nanoTime() / 1000;
    }

    /**
     * bitstream(pin, 0, (high0, low0, high1, low1), data): every bit, most significant first,
     * as a high then a low time in nanoseconds (the WS2812 encoding). The JVM keeps the order
     * of the levels and waits at least the given times, not their exact length.
     */
    private static void bitstream(PyObject pin, long encoding, PyObject timing, PyObject data) {
        BufferView view = Buffers.read(data);
        if (encoding != 0) {
            throw Py.valueError("encoding");
        }
        PyObject[] t = Ops.toArray(timing);
        if (t.length != 4) {
            throw Py.valueError("tuple/list has wrong length");
        }
        long[] ns = new long[4];
        for (int i = 0; i < 4; i++) {
            ns[i] = Args.intOf(t[i]);
        }
        for (int i = 0; i < view.length(); i++) {
            int b = view.byteAt(i);
            for (int bit = 7; bit >= 0; bit--) {
                int one = (b >> bit) & 1;
                VirtualPins.write(pin, 1);
                spin(ns[2 * one]);
                VirtualPins.write(pin, 0);
                spin(ns[2 * one + 1]);
            }
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
