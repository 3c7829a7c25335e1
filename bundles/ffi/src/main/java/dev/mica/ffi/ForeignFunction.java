package dev.mica.ffi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code ffifunc}: a C function called with Python values. Integers, floats and None pass by
 * value; a str passes as a C string and an object with the buffer protocol as a pointer to a
 * native copy of its bytes, copied back into the object after the call when it is writable.
 * Such pointers are valid for the duration of the call only: Python objects live on the Java
 * heap, which C cannot address.
 */
final class ForeignFunction extends PyObject {
    static final PyType TYPE = PyType.builtin("ffifunc", PyType.OBJECT);

    private final long address;
    private final Signature signature;

    ForeignFunction(long address, Signature signature) {
        this.address = address;
        this.signature = signature;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<ffifunc 0x" + Long.toHexString(address) + ">";
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        Py.checkKeywords(kwNames);
        if (args.length != signature.arity()) {
            throw Py.typeError("function expected " + signature.arity() + " arguments but got " + args.length);
        }
        try (Temporaries temporaries = new Temporaries()) {
            long[] slots = new long[args.length];
            for (int i = 0; i < args.length; i++) {
                slots[i] = argumentSlot(args[i], signature.argument(i), temporaries);
            }
            long result = CallbackScope.during(() -> NativeCalls.call(address, signature.codes(), slots));
            temporaries.copyBack();
            return NativeValues.toPython(result, signature.result());
        }
    }

    private static long argumentSlot(PyObject value, char code, Temporaries temporaries) {
        if (code == 'O') {
            throw Py.typeError("can't pass a Python object to native code");
        }
        if (code == 'f' || code == 'd') {
            return NativeValues.numberSlot(value, code);
        }
        if (value == PyNone.NONE) {
            return 0;
        }
        if (value instanceof PyInt) {
            return NativeValues.numberSlot(value, code);
        }
        if (value instanceof PyStr s) {
            byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
            return temporaries.copyOf(new BufferView(utf8, 0, utf8.length, 'B', false));
        }
        if (value instanceof ForeignCallback callback) {
            return callback.codeAddress();
        }
        if (Buffers.has(value)) {
            return temporaries.copyOf(Buffers.read(value));
        }
        throw Py.typeError("don't know how to pass object to native function");
    }

    /** Native copies of the buffers one call passes, written back and freed after it. */
    private static final class Temporaries implements AutoCloseable {
        private final List<Long> addresses = new ArrayList<>();
        private final List<BufferView> views = new ArrayList<>();

        /** A copy followed by a NUL byte, as MicroPython's str and bytes data always are. */
        long copyOf(BufferView view) {
            long address = NativeCalls.allocate((long) view.length() + 1);
            if (address == 0) {
                throw Py.error(dev.mica.obj.PyBaseException.MEMORY_ERROR, "memory allocation failed");
            }
            addresses.add(address);
            views.add(view);
            NativeCalls.write(address, view.array(), view.offset(), view.length());
            return address;
        }

        void copyBack() {
            for (int i = 0; i < views.size(); i++) {
                BufferView view = views.get(i);
                if (view.writable()) {
                    NativeCalls.read(addresses.get(i), view.array(), view.offset(), view.length());
                }
            }
        }

        @Override
        public void close() {
            for (long address : addresses) {
                NativeCalls.free(address);
            }
        }
    }
}
