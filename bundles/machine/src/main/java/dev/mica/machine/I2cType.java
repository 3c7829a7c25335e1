package dev.mica.machine;

import java.util.ArrayList;
import java.util.List;

import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code machine.I2C} (a bound bus, by id) and {@code machine.SoftI2C} (bit-banged on two
 * pins). Both take the same memory and transfer methods; SoftI2C also has the primitive
 * start/stop/readinto/write. A missing device raises OSError(ENODEV), as MicroPython does.
 */
final class I2cType {
    private static final int DEFAULT_FREQ = 400_000;
    private static final int DEFAULT_TIMEOUT_US = 50_000;

    private I2cType() {}

    static PyType create(MachineState state, boolean soft) {
        PyType type = PyType.builtin(soft ? "SoftI2C" : "I2C", PyType.OBJECT);
        if (soft) {
            type.setConstructor((t, args, kw) -> {
                Args a = Args.parse(args, kw, 0, 2, "scl", "sda", "freq", "timeout");
                SoftI2cBus bus = new SoftI2cBus(Args.required(a, "scl"), Args.required(a, "sda"),
                        (int) a.integer("freq", DEFAULT_FREQ), a.integer("timeout", DEFAULT_TIMEOUT_US));
                return new I2c(state, type, null, bus);
            });
            type.method("start", 1, 1, a -> {
                HalCalls.run(() -> soft(a[0]).start());
                return PyNone.NONE;
            });
            type.method("stop", 1, 1, a -> {
                HalCalls.run(() -> soft(a[0]).stop());
                return PyNone.NONE;
            });
            type.method("readinto", 2, 3, a -> {
                BufferView into = Buffers.write(a[1]);
                boolean nack = a.length < 3 || a[2].isTrue();
                HalCalls.run(() -> {
                    for (int i = 0; i < into.length(); i++) {
                        into.array()[into.offset() + i] = (byte) soft(a[0]).readByte(nack && i == into.length() - 1);
                    }
                });
                return PyNone.NONE;
            });
            type.method("write", 2, 2, a -> {
                BufferView data = Buffers.read(a[1]);
                return PyInt.of(HalCalls.call(() -> {
                    int acks = 0;
                    for (int i = 0; i < data.length() && soft(a[0]).writeByte(data.byteAt(i)); i++) {
                        acks++;
                    }
                    return acks;
                }));
            });
        } else {
            type.setConstructor((t, args, kw) -> {
                Args a = Args.parse(args, kw, 0, 1, "id", "scl", "sda", "freq", "timeout");
                I2c i2c = new I2c(state, type, busId(Args.required(a, "id")), null);
                i2c.init(a);
                return i2c;
            });
        }
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            self(a[0]).init(Args.parse(a, kw, 1, 0, "scl", "sda", "freq", "timeout"));
            return PyNone.NONE;
        });
        type.method("scan", 1, 1, a -> {
            int[] found = HalCalls.call(() -> self(a[0]).bus().scan());
            PyList list = new PyList();
            for (int address : found) {
                list.append(PyInt.of(address));
            }
            return list;
        });
        type.methodKw("readfrom", 3, 4, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "nbytes", "stop");
            byte[] data = new byte[(int) Args.intOf(Args.required(p, "nbytes"))];
            self(a[0]).run(List.of(new I2cMessage(address(p), true, data, 0, data.length, stopFlag(p))));
            return new PyBytes(data);
        });
        type.methodKw("readfrom_into", 3, 4, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "buf", "stop");
            BufferView into = Buffers.write(Args.required(p, "buf"));
            self(a[0]).run(List.of(new I2cMessage(address(p), true, into.array(), into.offset(), into.length(), stopFlag(p))));
            return PyNone.NONE;
        });
        type.methodKw("writeto", 3, 4, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "buf", "stop");
            BufferView data = Buffers.read(Args.required(p, "buf"));
            return PyInt.of(self(a[0]).run(List.of(new I2cMessage(address(p), false, data.array(), data.offset(), data.length(), stopFlag(p)))));
        });
        type.methodKw("writevto", 3, 4, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "vector", "stop");
            int address = address(p);
            PyObject[] parts = Ops.toArray(Args.required(p, "vector"));
            List<I2cMessage> messages = new ArrayList<>();
            for (PyObject part : parts) {
                BufferView data = Buffers.read(part);
                if (data.length() > 0 || messages.isEmpty()) {
                    messages.add(new I2cMessage(address, false, data.array(), data.offset(), data.length(),
                            messages.isEmpty() ? 0 : I2cMessage.NO_START));
                }
            }
            if (messages.isEmpty()) {
                messages.add(new I2cMessage(address, false, new byte[0], 0, 0, 0));
            }
            int last = messages.size() - 1;
            messages.set(last, messages.get(last).stop(p.bool("stop", true)));
            return PyInt.of(self(a[0]).run(messages));
        });
        type.methodKw("readfrom_mem", 4, 5, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "memaddr", "nbytes", "addrsize");
            byte[] data = new byte[(int) Args.intOf(Args.required(p, "nbytes"))];
            self(a[0]).readMemory(address(p), p, data, 0, data.length);
            return new PyBytes(data);
        });
        type.methodKw("readfrom_mem_into", 4, 5, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "memaddr", "buf", "addrsize");
            BufferView into = Buffers.write(Args.required(p, "buf"));
            self(a[0]).readMemory(address(p), p, into.array(), into.offset(), into.length());
            return PyNone.NONE;
        });
        type.methodKw("writeto_mem", 4, 5, (a, kw) -> {
            Args p = Args.parse(a, kw, 1, 3, "addr", "memaddr", "buf", "addrsize");
            BufferView data = Buffers.read(Args.required(p, "buf"));
            int address = address(p);
            byte[] memaddr = memoryAddress(p);
            self(a[0]).run(List.of(I2cMessage.write(address, memaddr),
                    new I2cMessage(address, false, data.array(), data.offset(), data.length(), I2cMessage.NO_START | I2cMessage.STOP)));
            return PyNone.NONE;
        });
        return type;
    }

    private static String busId(PyObject id) {
        return id instanceof PyStr s ? s.value() : String.valueOf(Args.intOf(id));
    }

    private static I2c self(PyObject o) {
        return (I2c) o;
    }

    private static SoftI2cBus soft(PyObject o) {
        return (SoftI2cBus) self(o).bus();
    }

    private static int address(Args p) {
        long address = Args.intOf(Args.required(p, "addr"));
        if (address < 0 || address > 0x7f) {
            throw Py.valueError("invalid I2C address");
        }
        return (int) address;
    }

    private static int stopFlag(Args p) {
        return p.bool("stop", true) ? I2cMessage.STOP : 0;
    }

    /** The register address, most significant byte first, in addrsize/8 bytes. */
    private static byte[] memoryAddress(Args p) {
        long memaddr = Args.intOf(Args.required(p, "memaddr"));
        long addrsize = p.integer("addrsize", 8);
        if (addrsize < 8 || addrsize > 32 || addrsize % 8 != 0) {
            throw Py.valueError("invalid addrsize");
        }
        byte[] bytes = new byte[(int) addrsize / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (memaddr >>> (8 * (bytes.length - 1 - i)));
        }
        return bytes;
    }

    /** An I2C or SoftI2C object. */
    static final class I2c extends PyObject {
        private final MachineState state;
        private final PyType type;
        private final String busId;
        private final SoftI2cBus soft;
        private int frequency = DEFAULT_FREQ;

        I2c(MachineState state, PyType type, String busId, SoftI2cBus soft) {
            this.state = state;
            this.type = type;
            this.busId = busId;
            this.soft = soft;
        }

        @Override
        public PyType type() {
            return type;
        }

        /** The bus now: looked up on each use, so a replaced driver is picked up. */
        I2cBus bus() {
            return soft != null ? soft : HalCalls.call(() -> state.hal.i2c(busId));
        }

        void init(Args a) {
            if (a.has("freq")) {
                frequency = (int) a.integer("freq", DEFAULT_FREQ);
            }
            if (soft != null) {
                soft.setFrequency(frequency);
                if (a.has("timeout")) {
                    soft.setTimeout(a.integer("timeout", DEFAULT_TIMEOUT_US));
                }
            } else {
                int hz = frequency;
                HalCalls.run(() -> bus().setFrequency(hz));
            }
        }

        int run(List<I2cMessage> messages) {
            return HalCalls.call(() -> bus().transfer(messages));
        }

        void readMemory(int address, Args p, byte[] into, int offset, int length) {
            byte[] memaddr = memoryAddress(p);
            HalCalls.run(() -> {
                I2cBus bus = bus();
                int acked = bus.transfer(List.of(I2cMessage.write(address, memaddr)));
                if (acked != memaddr.length) {
                    // the bus ended the transfer with a STOP at the NACK
                    throw new HalException(HalException.EIO, "register address not acknowledged");
                }
                bus.transfer(List.of(new I2cMessage(address, true, into, offset, length, I2cMessage.STOP)));
            });
        }

        @Override
        public String repr() {
            if (soft != null) {
                return "SoftI2C(freq=" + soft.frequency() + ")";
            }
            int hz;
            try {
                hz = bus().frequency();
            } catch (RuntimeException gone) {
                hz = frequency;
            }
            return "I2C(" + busId + ", freq=" + hz + ")";
        }
    }
}
