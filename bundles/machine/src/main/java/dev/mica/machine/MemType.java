package dev.mica.machine;

import dev.mica.obj.MemoryAddresses;
import dev.mica.obj.Py;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.mem8/mem16/mem32}: memory words by address, little-endian. The JVM has no raw
 * memory, so an address is one that {@code uctypes.addressof} handed out for a live buffer
 * ({@link MemoryAddresses}); any other address raises ValueError instead of touching memory.
 */
final class MemType extends PyObject {
    static final PyType TYPE = PyType.builtin("mem", PyType.OBJECT);

    private final int size;

    private MemType(int size) {
        this.size = size;
    }

    static final MemType MEM8 = new MemType(1);
    static final MemType MEM16 = new MemType(2);
    static final MemType MEM32 = new MemType(4);

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<" + (8 * size) + "-bit memory>";
    }

    private MemoryAddresses.Location locate(PyObject index) {
        long address = PyInt.truncatedValue(index);
        if ((address & (size - 1)) != 0) {
            throw Py.valueError(String.format("address %08x is not aligned to %d bytes", address, size));
        }
        return MemoryAddresses.locate(address, size);
    }

    @Override
    public PyObject getItem(PyObject index) {
        MemoryAddresses.Location at = locate(index);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (at.array()[at.index() + i] & 0xff);
        }
        return PyInt.of(value);
    }

    @Override
    public void setItem(PyObject index, PyObject value) {
        MemoryAddresses.Location at = locate(index);
        long word = PyInt.truncatedValue(value);
        for (int i = 0; i < size; i++) {
            at.array()[at.index() + i] = (byte) (word >>> (8 * i));
        }
    }
}
