package dev.mica.machine;

import java.io.ByteArrayOutputStream;

import dev.mica.hal.Parity;
import dev.mica.hal.Uart;
import dev.mica.hal.UartConfig;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code machine.UART} over a bound serial port. Reads wait up to {@code timeout} ms for the
 * first byte and {@code timeout_char} ms between bytes (in the driver, without holding the
 * interpreter lock) and give None when nothing came, as MicroPython's stream reads do.
 */
final class UartType {
    private static final String[] INIT_ARGS = {"baudrate", "bits", "parity", "stop", "tx", "rx", "timeout", "timeout_char",
        "rxbuf", "txbuf", "flow", "invert"};
    private static final int CHUNK = 256;

    private UartType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("UART", PyType.OBJECT);
        type.setConstructor((t, args, kw) -> {
            String[] names = new String[INIT_ARGS.length + 1];
            names[0] = "id";
            System.arraycopy(INIT_ARGS, 0, names, 1, INIT_ARGS.length);
            Args a = Args.parse(args, kw, 0, 5, names);
            PyObject id = Args.required(a, "id");
            Port port = new Port(state, type, id instanceof PyStr s ? s.value() : String.valueOf(Args.intOf(id)));
            port.init(a);
            return port;
        });
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            port(a[0]).init(Args.parse(a, kw, 1, 4, INIT_ARGS));
            return PyNone.NONE;
        });
        type.method("deinit", 1, 1, a -> PyNone.NONE);
        type.method("any", 1, 1, a -> PyInt.of(HalCalls.call(() -> port(a[0]).uart().available())));
        type.method("read", 1, 2, a -> port(a[0]).read(a.length > 1 && a[1] != PyNone.NONE ? (int) Args.intOf(a[1]) : -1));
        type.method("readinto", 2, 3, a -> {
            BufferView into = Buffers.write(a[1]);
            int n = a.length > 2 ? (int) Math.min(Args.intOf(a[2]), into.length()) : into.length();
            int got = port(a[0]).readInto(into.array(), into.offset(), n);
            return got == 0 ? PyNone.NONE : PyInt.of(got);
        });
        type.method("readline", 1, 1, a -> port(a[0]).readLine());
        type.method("write", 2, 2, a -> {
            BufferView data = Buffers.read(a[1]);
            return PyInt.of(HalCalls.call(() -> port(a[0]).uart().write(data.array(), data.offset(), data.length())));
        });
        type.method("flush", 1, 1, a -> {
            Port p = port(a[0]);
            HalCalls.run(() -> {
                Uart uart = p.uart();
                state.env.withoutInterpreterLock(() -> {
                    uart.flush();
                    return null;
                });
            });
            return PyNone.NONE;
        });
        type.method("txdone", 1, 1, a -> Py.bool(true));
        return type;
    }

    private static Port port(PyObject o) {
        return (Port) o;
    }

    /** A UART object. */
    static final class Port extends PyObject {
        private final MachineState state;
        private final PyType type;
        private final String id;
        private UartConfig config = UartConfig.DEFAULT;
        private Uart configured;

        Port(MachineState state, PyType type, String id) {
            this.state = state;
            this.type = type;
            this.id = id;
        }

        @Override
        public PyType type() {
            return type;
        }

        /** The port now, set up with this object's settings if the driver changed. */
        synchronized Uart uart() {
            Uart uart = state.hal.uart(id);
            if (uart != configured) {
                uart.configure(config);
                configured = uart;
            }
            return uart;
        }

        void init(Args a) {
            Parity parity = config.parity();
            if (a.has("parity")) {
                PyObject p = a.get("parity");
                parity = p == PyNone.NONE ? Parity.NONE : switch ((int) Args.intOf(p)) {
                    case 0 -> Parity.EVEN;
                    case 1 -> Parity.ODD;
                    default -> throw Py.valueError("invalid parity");
                };
            }
            UartConfig next;
            try {
                next = new UartConfig((int) a.integer("baudrate", config.baudrate()), (int) a.integer("bits", config.bits()), parity,
                        (int) a.integer("stop", config.stopBits()), (int) a.integer("timeout", config.timeoutMillis()),
                        (int) a.integer("timeout_char", config.timeoutCharMillis()));
            } catch (IllegalArgumentException e) {
                throw Py.valueError("invalid UART settings");
            }
            synchronized (this) {
                config = next;
                configured = null;
            }
            HalCalls.run(this::uart);
        }

        int readInto(byte[] into, int offset, int length) {
            return HalCalls.call(() -> {
                Uart uart = uart();
                return state.env.withoutInterpreterLock(() -> uart.read(into, offset, length));
            });
        }

        PyObject read(int limit) {
            if (limit >= 0) {
                byte[] data = new byte[limit];
                int got = readInto(data, 0, limit);
                return got == 0 && limit > 0 ? PyNone.NONE : new PyBytes(java.util.Arrays.copyOf(data, got));
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk = new byte[CHUNK];
            for (int got = readInto(chunk, 0, CHUNK); got > 0; got = readInto(chunk, 0, CHUNK)) {
                all.write(chunk, 0, got);
            }
            return all.size() == 0 ? PyNone.NONE : new PyBytes(all.toByteArray());
        }

        PyObject readLine() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] one = new byte[1];
            while (readInto(one, 0, 1) == 1) {
                line.write(one[0]);
                if (one[0] == '\n') {
                    break;
                }
            }
            return line.size() == 0 ? PyNone.NONE : new PyBytes(line.toByteArray());
        }

        @Override
        public String repr() {
            UartConfig c = config;
            String parity = switch (c.parity()) {
                case NONE -> "None";
                case EVEN -> "0";
                case ODD -> "1";
            };
            return "UART(" + id + ", baudrate=" + c.baudrate() + ", bits=" + c.bits() + ", parity=" + parity + ", stop=" + c.stopBits()
                    + ", timeout=" + c.timeoutMillis() + ", timeout_char=" + c.timeoutCharMillis() + ")";
        }
    }
}
