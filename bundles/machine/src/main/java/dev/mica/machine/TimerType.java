package dev.mica.machine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.Timer}: MicroPython's soft timer (id -1 only). The interpreter's timer thread
 * fires it and queues the callback with the timer as argument, as micropython.schedule does, so
 * callbacks run between bytecodes (and during sleeps) on the program's thread.
 */
final class TimerType {
    static final int ONE_SHOT = 1, PERIODIC = 2;

    private TimerType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("Timer", PyType.OBJECT);
        type.setConstructor((t, args, kwNames) -> {
            int nPos = Py.positional(args, kwNames);
            int skip = 0;
            if (nPos > 0) {
                if (Args.intOf(args[0]) != -1) {
                    throw Py.valueError("Timer doesn't exist");
                }
                skip = 1;
            }
            Timer timer = new Timer(state, type);
            state.timers(); // the timer thread starts with the first Timer, not with its first period
            if (args.length > skip) {
                timer.init(Args.parse(args, kwNames, skip, 0, "mode", "callback", "period", "tick_hz", "freq"));
            }
            return timer;
        });
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            Timer timer = (Timer) a[0];
            timer.cancel();
            timer.init(Args.parse(a, kw, 1, 0, "mode", "callback", "period", "tick_hz", "freq"));
            return PyNone.NONE;
        });
        type.method("deinit", 1, 1, a -> {
            ((Timer) a[0]).cancel();
            return PyNone.NONE;
        });
        type.define("ONE_SHOT", PyInt.of(ONE_SHOT));
        type.define("PERIODIC", PyInt.of(PERIODIC));
        return type;
    }

    /**
     * A soft timer. Its due time is kept here; the interpreter's timer thread and the poll
     * hook of the program's sleeps (whichever comes first) queue the callback when it is due,
     * so a sleeping program gets its callbacks on time even when the timer thread is slow to
     * be scheduled, and a busy one still gets them between bytecodes.
     */
    static final class Timer extends PyObject {
        private final MachineState state;
        private final PyType type;
        private int mode = PERIODIC;
        private long periodMillis = 1000;
        private PyObject callback = PyNone.NONE;
        private boolean active;
        private long dueNanos;
        private ScheduledFuture<?> wakeUp;
        /** A queued call not yet run: a late program sees one late call, not a burst. */
        private final AtomicBoolean queued = new AtomicBoolean();
        private PyObject call;

        Timer(MachineState state, PyType type) {
            this.state = state;
            this.type = type;
        }

        @Override
        public PyType type() {
            return type;
        }

        void init(Args a) {
            mode = (int) a.integer("mode", PERIODIC);
            long delta = periodMillis;
            PyObject freq = a.object("freq");
            if (freq != null) {
                delta = (long) (1000.0 / Ops.toDouble(freq));
            } else if (a.has("period")) {
                long tickHz = a.integer("tick_hz", 1000);
                if (tickHz == 0) {
                    throw Py.zeroDivision();
                }
                delta = Args.intOf(a.get("period")) * 1000 / tickHz;
            }
            if (delta < 1) {
                delta = 1;
            } else if (delta >= 0x40000000L) {
                throw Py.valueError("period too large");
            }
            periodMillis = delta;
            if (a.has("callback")) {
                callback = a.get("callback");
            }
            if (callback != PyNone.NONE) {
                start();
            }
        }

        private synchronized void start() {
            PyObject target = callback;
            call = new PyBuiltinFunction("timer", 1, 1, false, (args, kw) -> {
                queued.set(false);
                return target.call(args, null);
            });
            active = true;
            dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(periodMillis);
            state.addTimer(this);
            armWakeUp();
        }

        /** Has the timer thread look again when the timer is next due. */
        private void armWakeUp() {
            long delay = Math.max(0, dueNanos - System.nanoTime());
            wakeUp = state.timers().schedule(() -> fireIfDue(System.nanoTime()), delay, TimeUnit.NANOSECONDS);
        }

        /** Queues the callback if the timer is due at {@code now}; from either thread. */
        void fireIfDue(long now) {
            PyObject toQueue;
            synchronized (this) {
                if (!active || now - dueNanos < 0) {
                    return;
                }
                long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
                if (mode == ONE_SHOT) {
                    active = false;
                    state.removeTimer(this);
                } else {
                    dueNanos += period;
                    if (now - dueNanos >= 0) {
                        dueNanos = now + period; // fell behind: skip the missed periods
                    }
                }
                if (wakeUp != null) {
                    wakeUp.cancel(false);
                }
                if (active) {
                    armWakeUp();
                }
                toQueue = call;
            }
            if (queued.compareAndSet(false, true) && !state.schedule(toQueue, this)) {
                queued.set(false);
            }
        }

        synchronized void cancel() {
            active = false;
            state.removeTimer(this);
            if (wakeUp != null) {
                wakeUp.cancel(false);
                wakeUp = null;
            }
        }

        @Override
        public String repr() {
            return "Timer(mode=" + (mode == ONE_SHOT ? "ONE_SHOT" : "PERIODIC") + ", period=" + periodMillis + ")";
        }
    }
}
