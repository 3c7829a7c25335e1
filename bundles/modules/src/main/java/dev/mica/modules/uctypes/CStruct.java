package dev.mica.modules.uctypes;

import static dev.mica.modules.uctypes.Layout.*;

import dev.mica.obj.BufferSource;
import dev.mica.obj.BufferView;
import dev.mica.obj.IntConvertible;
import dev.mica.obj.MemoryAddresses;
import dev.mica.obj.Py;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * A uctypes structure: a descriptor laid over the memory at an address. Fields are read and
 * written in place each time they are used; aggregates give new structures (or, for arrays of
 * UINT8, a bytearray sharing the memory).
 */
final class CStruct extends PyObject implements BufferSource, IntConvertible {
    private final Uctypes context;
    final PyObject desc;
    final long address;
    final int layout;

    CStruct(Uctypes context, PyObject desc, long address, int layout) {
        this.context = context;
        this.desc = desc;
        this.address = address;
        this.layout = layout;
    }

    @Override
    public PyType type() {
        return context.structType;
    }

    private boolean bigEndian() {
        return layout == BIG_ENDIAN;
    }

    @Override
    public String repr() {
        String kind;
        if (desc instanceof PyDict) {
            kind = "STRUCT";
        } else if (desc instanceof PyTuple t) {
            Long first = t.items().length == 0 ? null : smallInt(t.items()[0]);
            int agg = first == null ? -1 : typeOf(first, AGG_TYPE_BITS);
            kind = agg == PTR ? "PTR" : agg == ARRAY ? "ARRAY" : "unk";
        } else {
            kind = "ERROR";
        }
        return "<struct " + kind + " " + Long.toHexString(address) + ">";
    }

    private PyObject field(String name) {
        if (!(desc instanceof PyDict dict)) {
            throw Py.typeError("struct: no fields");
        }
        PyObject key = PyStr.of(name);
        PyObject field = dict.get(key);
        if (field == null) {
            throw Py.keyError(key);
        }
        return field;
    }

    @Override
    public PyObject getAttr(String name) {
        PyObject field = field(name);
        Long scalar = smallInt(field);
        if (scalar != null) {
            int valType = typeOf(scalar, VAL_TYPE_BITS);
            long offset = valueOf(scalar, VAL_TYPE_BITS);
            if (valType >= BFUINT8 && valType <= BFINT32) {
                int bitOffset = (int) ((offset >> OFFSET_BITS) & 31);
                int bitLength = (int) ((offset >> LEN_BITS) & 31);
                long word = readBits(address + (offset & ((1 << OFFSET_BITS) - 1)), scalarSize(valType), bigEndian());
                return PyInt.of((word >>> bitOffset) & ((1L << bitLength) - 1));
            }
            return read(address + offset, valType, bigEndian());
        }
        if (!(field instanceof PyTuple sub)) {
            throw syntaxError();
        }
        PyObject[] items = sub.items();
        if (items.length == 0) {
            throw syntaxError();
        }
        long encoded = encodedInt(items[0]);
        long at = address + valueOf(encoded, AGG_TYPE_BITS);
        switch (typeOf(encoded, AGG_TYPE_BITS)) {
            case STRUCT:
                if (items.length < 2) {
                    throw syntaxError();
                }
                return new CStruct(context, items[1], at, layout);
            case ARRAY:
                if (items.length == 2 && typeOf(encodedInt(items[1]), VAL_TYPE_BITS) == UINT8) {
                    long n = aggregateSize(sub, layout, new long[1]);
                    MemoryAddresses.Location where = MemoryAddresses.locate(at, n);
                    return PyByteArray.sharing(where.array(), where.index(), (int) n);
                }
                return new CStruct(context, sub, at, layout);
            case PTR:
                return new CStruct(context, sub, at, layout);
            default:
                throw syntaxError();
        }
    }

    @Override
    public void setAttr(String name, PyObject value) {
        if (value == null) {
            super.setAttr(name, null);
            return;
        }
        PyObject field = field(name);
        Long scalar = smallInt(field);
        if (scalar == null) {
            // aggregates cannot be assigned
            throw syntaxError();
        }
        int valType = typeOf(scalar, VAL_TYPE_BITS);
        long offset = valueOf(scalar, VAL_TYPE_BITS);
        if (valType >= BFUINT8 && valType <= BFINT32) {
            int bitOffset = (int) ((offset >> OFFSET_BITS) & 31);
            int bitLength = (int) ((offset >> LEN_BITS) & 31);
            long at = address + (offset & ((1 << OFFSET_BITS) - 1));
            int size = scalarSize(valType);
            long word = readBits(at, size, bigEndian());
            long mask = ((1L << bitLength) - 1) << bitOffset;
            long bits = (wordOf(value) << bitOffset) & mask;
            writeBits(at, size, bigEndian(), (word & ~mask) | bits);
            return;
        }
        write(address + offset, valType, bigEndian(), value);
    }

    /** For an array or pointer: the address of item {@code index}, its type, and its descriptor. */
    private PyObject itemOp(PyObject key, PyObject value) {
        if (!(desc instanceof PyTuple t)) {
            throw Py.typeError("struct: can't index");
        }
        PyObject[] items = t.items();
        long index = wordOf(key);
        long encoded = encodedInt(items[0]);
        int agg = typeOf(encoded, AGG_TYPE_BITS);
        if (agg == ARRAY) {
            long lengthAndType = encodedInt(items[1]);
            int valType = typeOf(lengthAndType, VAL_TYPE_BITS);
            if (index >= valueOf(lengthAndType, VAL_TYPE_BITS)) {
                throw Py.indexError("struct: index out of range");
            }
            if (items.length == 2) {
                long at = address + scalarSize(valType) * index;
                if (value == null) {
                    return read(at, valType, bigEndian());
                }
                write(at, valType, bigEndian(), value);
                return value;
            }
            if (value != null) {
                throw Py.typeError("'struct' object doesn't support item assignment");
            }
            long size = size(items[2], layout, new long[1]);
            return new CStruct(context, items[2], address + size * index, layout);
        }
        if (agg == PTR) {
            long target = readBits(address, POINTER_SIZE, false);
            Long scalar = smallInt(items[1]);
            if (scalar != null) {
                int valType = typeOf(scalar, VAL_TYPE_BITS);
                long at = target + scalarSize(valType) * index;
                if (value == null) {
                    return read(at, valType, false);
                }
                write(at, valType, false, value);
                return value;
            }
            if (value != null) {
                throw Py.typeError("'struct' object doesn't support item assignment");
            }
            long size = size(items[1], layout, new long[1]);
            return new CStruct(context, items[1], target + size * index, layout);
        }
        throw syntaxError();
    }

    @Override
    public PyObject getItem(PyObject key) {
        return itemOp(key, null);
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        itemOp(key, value);
    }

    @Override
    public PyInt toPyInt() {
        if (desc instanceof PyTuple t && t.items().length > 0) {
            Long first = smallInt(t.items()[0]);
            if (first != null && typeOf(first, AGG_TYPE_BITS) == PTR) {
                return PyInt.of(readBits(address, POINTER_SIZE, false));
            }
        }
        return null;
    }

    @Override
    public long pyHash() {
        throw Py.typeError("unsupported type for __hash__: 'struct'");
    }

    @Override
    public BufferView buffer() {
        long n = size(desc, layout, new long[1]);
        MemoryAddresses.Location where = MemoryAddresses.locate(address, n);
        return new BufferView(where.array(), where.index(), (int) n, 'B', true);
    }
}
