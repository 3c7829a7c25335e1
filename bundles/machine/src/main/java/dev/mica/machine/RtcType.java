package dev.mica.machine;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * {@code machine.RTC}: the host's clock (UTC) plus an offset that {@code datetime(...)} sets,
 * kept per interpreter, so a program can set its own time without changing the host's.
 * Tuples are (year, month, day, weekday, hours, minutes, seconds, subseconds), weekday 0 for
 * Monday, subseconds in microseconds.
 */
final class RtcType {
    private RtcType() {}

    static PyType create() {
        PyType type = PyType.builtin("RTC", PyType.OBJECT);
        Rtc rtc = new Rtc(type); // one clock per interpreter, as a board has one
        type.setConstructor((t, args, kwNames) -> {
            if (Py.positional(args, kwNames) > 1 || (kwNames != null && kwNames.length > 0)) {
                throw Py.typeError("function takes at most 1 positional arguments");
            }
            return rtc;
        });
        type.method("datetime", 1, 2, a -> a.length == 1 ? ((Rtc) a[0]).now() : ((Rtc) a[0]).set(a[1]));
        type.method("init", 1, 2, a -> a.length == 1 ? PyNone.NONE : ((Rtc) a[0]).set(a[1]));
        return type;
    }

    static final class Rtc extends PyObject {
        private final PyType type;
        private volatile long offsetMicros;

        Rtc(PyType type) {
            this.type = type;
        }

        @Override
        public PyType type() {
            return type;
        }

        private static LocalDateTime host() {
            return LocalDateTime.now(ZoneOffset.UTC);
        }

        PyObject now() {
            LocalDateTime t = host().plus(offsetMicros, ChronoUnit.MICROS);
            return new PyTuple(PyInt.of(t.getYear()), PyInt.of(t.getMonthValue()), PyInt.of(t.getDayOfMonth()),
                    PyInt.of(t.getDayOfWeek().getValue() - 1), PyInt.of(t.getHour()), PyInt.of(t.getMinute()),
                    PyInt.of(t.getSecond()), PyInt.of(t.getNano() / 1000));
        }

        PyObject set(PyObject tuple) {
            PyObject[] f = Ops.toArray(tuple);
            if (f.length < 3) {
                throw Py.valueError("requested length 8 but object has length " + f.length);
            }
            long[] v = new long[8];
            for (int i = 0; i < Math.min(8, f.length); i++) {
                v[i] = Args.intOf(f[i]);
            }
            LocalDateTime wanted;
            try {
                wanted = LocalDateTime.of((int) v[0], (int) v[1], (int) v[2], (int) v[4], (int) v[5], (int) v[6])
                        .plus(v[7], ChronoUnit.MICROS);
            } catch (java.time.DateTimeException e) {
                throw Py.valueError("invalid date/time");
            }
            offsetMicros = ChronoUnit.MICROS.between(host(), wanted);
            return PyNone.NONE;
        }
    }
}
