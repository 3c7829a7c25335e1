package dev.mica.ffi;

import java.nio.ByteOrder;

import dev.mica.obj.Py;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;
import dev.mica.obj.Typecodes;

/** {@code ffivar}: a C global variable read and written as one item of an array typecode. */
final class ForeignVariable extends PyObject {
    static final PyType TYPE = PyType.builtin("ffivar", PyType.OBJECT);
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    static {
        TYPE.method("get", 1, 1, a -> ((ForeignVariable) a[0]).get());
        TYPE.method("set", 2, 2, a -> ((ForeignVariable) a[0]).set(a[1]));
    }

    private final long address;
    private final char typecode;
    private final int size;

    ForeignVariable(long address, char typecode) {
        int size = Typecodes.sizeOrZero(typecode);
        if (size == 0) {
            throw Py.valueError("bad typecode");
        }
        this.address = address;
        this.typecode = typecode;
        this.size = size;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        // printed as a C int, whatever the variable's type, as MicroPython does
        byte[] word = new byte[4];
        NativeCalls.read(address, word, 0, 4);
        int asInt = java.nio.ByteBuffer.wrap(word).order(ByteOrder.nativeOrder()).getInt();
        return "<ffivar @0x" + Long.toHexString(address) + ": 0x" + Integer.toHexString(asInt) + ">";
    }

    private PyObject get() {
        byte[] bytes = new byte[size];
        NativeCalls.read(address, bytes, 0, size);
        return Typecodes.get(typecode, bytes, 0, BIG_ENDIAN);
    }

    private PyObject set(PyObject value) {
        byte[] bytes = new byte[size];
        Typecodes.set(typecode, bytes, 0, value, BIG_ENDIAN);
        NativeCalls.write(address, bytes, 0, size);
        return PyNone.NONE;
    }
}
