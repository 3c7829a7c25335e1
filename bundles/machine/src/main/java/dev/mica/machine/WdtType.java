package dev.mica.machine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.mica.obj.Py;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.WDT}: MicroPython's watchdog, {@code WDT(id=0, timeout=5000)} (milliseconds)
 * and {@code feed()}. As on a board there is one watchdog per interpreter, and once started it
 * cannot be stopped: a second {@code WDT(...)} gives the same watchdog with the new timeout.
 * When it is not fed in time, the interpreter's timer thread resets the program through
 * {@code ModuleEnvironment.resetProgram}: the program ends as {@code machine.reset()} ends it,
 * and its host restarts it (the gateway: the app in a new interpreter) or ends (bin/mica).
 */
final class WdtType {
    private WdtType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("WDT", PyType.OBJECT);
        type.setConstructor((t, args, kwNames) -> {
            Args a = Args.parse(args, kwNames, 0, 2, "id", "timeout");
            long id = a.integer("id", 0);
            if (id != 0) {
                throw Py.valueError("WDT(" + id + ") doesn't exist");
            }
            long timeout = a.integer("timeout", 5000);
            if (timeout <= 0) {
                throw Py.valueError("WDT timeout too short");
            }
            Watchdog watchdog = state.watchdog(type);
            watchdog.start(timeout);
            return watchdog;
        });
        type.method("feed", 1, 1, a -> {
            ((Watchdog) a[0]).feed();
            return PyNone.NONE;
        });
        type.method("timeout_ms", 2, 2, a -> {
            long timeout = Args.intOf(a[1]);
            if (timeout <= 0) {
                throw Py.valueError("WDT timeout too short");
            }
            ((Watchdog) a[0]).start(timeout);
            return PyNone.NONE;
        });
        return type;
    }

    /** The interpreter's watchdog: a deadline on its timer thread, moved on by every feed. */
    static final class Watchdog extends PyObject {
        private final MachineState state;
        private final PyType type;
        private long timeoutMillis;
        private ScheduledFuture<?> expiry;
        private boolean expired;

        Watchdog(MachineState state, PyType type) {
            this.state = state;
            this.type = type;
        }

        @Override
        public PyType type() {
            return type;
        }

        /** Starts (or, after a reset of the program, starts again) with a timeout. */
        synchronized void start(long millis) {
            timeoutMillis = millis;
            expired = false;
            feed();
        }

        /** Starts the timeout anew from now. */
        synchronized void feed() {
            if (expired) {
                return; // the reset is on its way
            }
            if (expiry != null) {
                expiry.cancel(false);
            }
            expiry = state.timers().schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        private void expire() {
            synchronized (this) {
                if (expired || expiry == null || expiry.getDelay(TimeUnit.NANOSECONDS) > 0) {
                    return; // fed meanwhile: a new deadline is set
                }
                expired = true;
            }
            state.env.resetProgram("watchdog timeout (" + timeoutMillis + " ms)");
        }
    }
}
