package dev.mica.machine;

import dev.mica.hal.BitOrder;
import dev.mica.hal.SpiBus;
import dev.mica.hal.SpiConfig;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code machine.SPI} (a bound bus, by id) and {@code machine.SoftSPI} (bit-banged on pins).
 * Chip select is the program's own Pin, as in MicroPython; only 8-bit words are transferred.
 */
final class SpiType {
    static final int MSB = 0, LSB = 1;
    private static final String[] INIT_ARGS = {"baudrate", "polarity", "phase", "bits", "firstbit", "sck", "mosi", "miso"};

    private SpiType() {}

    static PyType create(MachineState state, boolean soft) {
        PyType type = PyType.builtin(soft ? "SoftSPI" : "SPI", PyType.OBJECT);
        type.setConstructor((t, args, kw) -> {
            if (soft) {
                Args a = Args.parse(args, kw, 0, 1, INIT_ARGS);
                SpiConfig config = configOf(a, new SpiConfig(500_000, 0, 0, 8, BitOrder.MSB_FIRST));
                return new Spi(state, type, null, new SoftSpiBus(Args.required(a, "sck"), a.object("mosi"), a.object("miso"), config));
            }
            String[] names = new String[INIT_ARGS.length + 1];
            names[0] = "id";
            System.arraycopy(INIT_ARGS, 0, names, 1, INIT_ARGS.length);
            Args a = Args.parse(args, kw, 0, 2, names);
            PyObject id = Args.required(a, "id");
            Spi spi = new Spi(state, type, id instanceof PyStr s ? s.value() : String.valueOf(Args.intOf(id)), null);
            spi.init(a);
            return spi;
        });
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            ((Spi) a[0]).init(Args.parse(a, kw, 1, 1, INIT_ARGS));
            return PyNone.NONE;
        });
        type.method("deinit", 1, 1, a -> PyNone.NONE);
        type.methodKw("read", 2, 3, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 2, "nbytes", "write");
            byte[] data = new byte[(int) Args.intOf(Args.required(p, "nbytes"))];
            int fill = (int) p.integer("write", 0);
            ((Spi) a[0]).transfer(null, 0, data, 0, data.length, fill);
            return new PyBytes(data);
        });
        type.methodKw("readinto", 2, 3, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 2, "buf", "write");
            BufferView into = Buffers.write(Args.required(p, "buf"));
            ((Spi) a[0]).transfer(null, 0, into.array(), into.offset(), into.length(), (int) p.integer("write", 0));
            return PyNone.NONE;
        });
        type.method("write", 2, 2, a -> {
            BufferView data = Buffers.read(a[1]);
            ((Spi) a[0]).transfer(data.array(), data.offset(), null, 0, data.length(), 0);
            return PyNone.NONE;
        });
        type.method("write_readinto", 3, 3, a -> {
            BufferView out = Buffers.read(a[1]);
            BufferView in = Buffers.write(a[2]);
            if (out.length() != in.length()) {
                throw Args.valueError("buffers must be the same length");
            }
            // a copy of what is sent, so that the same buffer may be passed twice
            byte[] sent = out.toByteArray();
            ((Spi) a[0]).transfer(sent, 0, in.array(), in.offset(), in.length(), 0);
            return PyNone.NONE;
        });
        type.define("MSB", PyInt.of(MSB));
        type.define("LSB", PyInt.of(LSB));
        return type;
    }

    private static SpiConfig configOf(Args a, SpiConfig base) {
        int bits = (int) a.integer("bits", base.bits());
        if (bits != 8) {
            throw Args.valueError("bits must be 8");
        }
        long polarity = a.integer("polarity", base.polarity());
        long phase = a.integer("phase", base.phase());
        long baudrate = a.integer("baudrate", base.baudrate());
        if ((polarity & ~1) != 0 || (phase & ~1) != 0 || baudrate <= 0) {
            throw Args.valueError("bad SPI settings");
        }
        BitOrder order = a.has("firstbit") ? (a.integer("firstbit", MSB) == LSB ? BitOrder.LSB_FIRST : BitOrder.MSB_FIRST) : base.firstBit();
        return new SpiConfig((int) baudrate, (int) polarity, (int) phase, bits, order);
    }

    /** An SPI or SoftSPI object. */
    static final class Spi extends PyObject {
        private final MachineState state;
        private final PyType type;
        private final String busId;
        private final SoftSpiBus soft;
        /** The settings this object asked for, applied again to a replacement driver's bus. */
        private SpiConfig config = SpiConfig.DEFAULT;
        private SpiBus configured;

        Spi(MachineState state, PyType type, String busId, SoftSpiBus soft) {
            this.state = state;
            this.type = type;
            this.busId = busId;
            this.soft = soft;
        }

        @Override
        public PyType type() {
            return type;
        }

        private synchronized SpiBus bus() {
            if (soft != null) {
                return soft;
            }
            SpiBus bus = state.hal.spi(busId);
            if (bus != configured) {
                bus.configure(config);
                configured = bus;
            }
            return bus;
        }

        void init(Args a) {
            SpiBus current = soft != null ? soft : null;
            SpiConfig next = configOf(a, current != null ? current.config() : config);
            synchronized (this) {
                config = next;
                configured = null;
            }
            HalCalls.run(() -> {
                if (soft != null) {
                    soft.configure(next);
                } else {
                    bus();
                }
            });
        }

        void transfer(byte[] tx, int txOffset, byte[] rx, int rxOffset, int length, int fill) {
            HalCalls.run(() -> bus().transfer(SpiBus.NO_CHIP_SELECT, tx, txOffset, rx, rxOffset, length, fill));
        }

        @Override
        public String repr() {
            SpiConfig c = soft != null ? soft.config() : config;
            return (soft != null ? "SoftSPI(" : "SPI(" + busId + ", ") + "baudrate=" + c.baudrate() + ", polarity=" + c.polarity()
                    + ", phase=" + c.phase() + ", bits=" + c.bits() + ", firstbit=" + (c.firstBit() == BitOrder.MSB_FIRST ? MSB : LSB) + ")";
        }
    }
}
