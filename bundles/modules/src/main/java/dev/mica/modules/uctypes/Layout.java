package dev.mica.modules.uctypes;

import java.math.BigInteger;

import dev.mica.obj.MemoryAddresses;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;

/**
 * The encoding of uctypes descriptors and the sizes it gives. A scalar field is an int holding
 * its value type in bits 27..30 and its offset below (a bitfield also keeps its bit position at
 * bit 17 and its bit length at bit 22, the offset then being the low 17 bits); an aggregate is a
 * tuple whose first item holds the aggregate kind (struct, pointer, array) in bits 29..30 and the
 * offset below. Layouts: 0 little endian, 1 big endian, 2 native (little endian, fields aligned,
 * structure size rounded up to its largest field, pointers of 8 bytes as on a 64-bit host).
 */
final class Layout {
    private Layout() {}

    static final int LITTLE_ENDIAN = 0;
    static final int BIG_ENDIAN = 1;
    static final int NATIVE = 2;

    static final int VAL_TYPE_BITS = 4;
    static final int AGG_TYPE_BITS = 2;
    static final int OFFSET_BITS = 17;
    static final int LEN_BITS = OFFSET_BITS + 5;
    static final int POINTER_SIZE = 8;

    static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, UINT64 = 6, INT64 = 7;
    static final int BFUINT8 = 8, BFINT8 = 9, BFUINT16 = 10, BFINT16 = 11, BFUINT32 = 12, BFINT32 = 13;
    static final int FLOAT32 = 14, FLOAT64 = 15;

    static final int STRUCT = 0, PTR = 1, ARRAY = 2;

    /** The constant for a type code: the code in the top bits of a 31-bit small int (sign kept). */
    static long typeConstant(int code, int bits) {
        return (long) ((code << (32 - bits)) >> 1);
    }

    static int typeOf(long encoded, int bits) {
        return (int) ((encoded >> (31 - bits)) & ((1 << bits) - 1));
    }

    static long valueOf(long encoded, int bits) {
        return encoded & ~((long) (Integer.MIN_VALUE >> bits));
    }

    static int scalarSize(int valType) {
        return valType == FLOAT32 ? 4 : 1 << ((valType & 7) >> 1);
    }

    static PyException syntaxError() {
        return Py.typeError("syntax error in uctypes descriptor");
    }

    /** The value of an int that MicroPython would hold as a small int, else null. */
    static Long smallInt(PyObject o) {
        if (o instanceof PyInt i && !(o instanceof PyBool) && i.isSmall()) {
            return i.value;
        }
        return null;
    }

    static long encodedInt(PyObject o) {
        Long v = smallInt(o);
        if (v == null) {
            throw syntaxError();
        }
        return v;
    }

    static boolean isStruct(PyObject desc) {
        return desc instanceof PyDict;
    }

    /** Size of any descriptor; {@code maxField} collects the largest scalar for native rounding. */
    static long size(PyObject desc, int layout, long[] maxField) {
        if (!(desc instanceof PyDict dict)) {
            if (desc instanceof PyTuple t) {
                return aggregateSize(t, layout, maxField);
            }
            if (smallInt(desc) != null) {
                throw Py.typeError("can't unambiguously get sizeof scalar");
            }
            throw syntaxError();
        }
        long total = 0;
        var it = dict.entries();
        while (it.hasNext()) {
            PyObject v = it.next().getValue();
            Long scalar = smallInt(v);
            if (scalar != null) {
                int valType = typeOf(scalar, VAL_TYPE_BITS);
                long offset = valueOf(scalar, VAL_TYPE_BITS);
                if (valType >= BFUINT8 && valType <= BFINT32) {
                    offset &= (1 << OFFSET_BITS) - 1;
                }
                int s = scalarSize(valType);
                maxField[0] = Math.max(maxField[0], s);
                total = Math.max(total, offset + s);
            } else {
                if (!(v instanceof PyTuple t)) {
                    throw syntaxError();
                }
                long offset = t.items().length == 0 ? 0 : valueOf(encodedInt(t.items()[0]), AGG_TYPE_BITS);
                total = Math.max(total, offset + aggregateSize(t, layout, maxField));
            }
        }
        if (layout == NATIVE && maxField[0] > 0) {
            total = (total + maxField[0] - 1) & ~(maxField[0] - 1);
        }
        return total;
    }

    static long aggregateSize(PyTuple t, int layout, long[] maxField) {
        PyObject[] items = t.items();
        if (items.length == 0) {
            throw syntaxError();
        }
        switch (typeOf(encodedInt(items[0]), AGG_TYPE_BITS)) {
            case STRUCT:
                if (items.length != 2) {
                    throw syntaxError();
                }
                return size(items[1], layout, maxField);
            case PTR:
                if (items.length != 2) {
                    throw syntaxError();
                }
                maxField[0] = Math.max(maxField[0], POINTER_SIZE);
                return POINTER_SIZE;
            case ARRAY: {
                if (items.length != 2 && items.length != 3) {
                    throw syntaxError();
                }
                long lengthAndType = encodedInt(items[1]);
                long count = valueOf(lengthAndType, VAL_TYPE_BITS);
                long itemSize;
                if (items.length == 2) {
                    itemSize = scalarSize(typeOf(lengthAndType, VAL_TYPE_BITS));
                    maxField[0] = Math.max(maxField[0], itemSize);
                } else {
                    itemSize = size(items[2], layout, maxField);
                }
                return itemSize * count;
            }
            default:
                throw syntaxError();
        }
    }

    /** Reads a scalar of {@code valType} (not a bitfield) at {@code address}. */
    static PyObject read(long address, int valType, boolean bigEndian) {
        int size = scalarSize(valType);
        long raw = readBits(address, size, bigEndian);
        switch (valType) {
            case FLOAT32:
                return new PyFloat(Float.intBitsToFloat((int) raw));
            case FLOAT64:
                return new PyFloat(Double.longBitsToDouble(raw));
            case UINT64:
                return raw >= 0 ? PyInt.of(raw) : PyInt.of(new BigInteger(Long.toUnsignedString(raw)));
            default:
                boolean signed = (valType & 1) != 0;
                if (signed && size < 8) {
                    int shift = 64 - 8 * size;
                    raw = (raw << shift) >> shift;
                }
                return PyInt.of(raw);
        }
    }

    /** Stores {@code value} as a scalar of {@code valType} at {@code address}. */
    static void write(long address, int valType, boolean bigEndian, PyObject value) {
        long raw;
        if (valType == FLOAT32) {
            raw = Float.floatToRawIntBits((float) floatValue(value)) & 0xffffffffL;
        } else if (valType == FLOAT64) {
            raw = Double.doubleToRawLongBits(floatValue(value));
        } else {
            raw = wordOf(value);
        }
        writeBits(address, scalarSize(valType), bigEndian, raw);
    }

    private static double floatValue(PyObject value) {
        if (value instanceof PyFloat f) {
            return f.value;
        }
        if (value instanceof PyInt i) {
            return i.toDouble();
        }
        throw Py.typeError("can't convert " + value.type().name() + " to float");
    }

    /** The low 64 bits of an int's two's complement (TypeError for what is not an int). */
    static long wordOf(PyObject value) {
        if (value instanceof PyInt i) {
            return i.isBig() ? i.toBig().longValue() : i.value;
        }
        throw Py.typeError("can't convert " + value.type().name() + " to int");
    }

    static long readBits(long address, int size, boolean bigEndian) {
        MemoryAddresses.Location at = MemoryAddresses.locate(address, size);
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = at.array()[at.index() + (bigEndian ? i : size - 1 - i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    static void writeBits(long address, int size, boolean bigEndian, long v) {
        MemoryAddresses.Location at = MemoryAddresses.locate(address, size);
        for (int i = 0; i < size; i++) {
            at.array()[at.index() + (bigEndian ? size - 1 - i : i)] = (byte) v;
            v >>>= 8;
        }
    }
}
