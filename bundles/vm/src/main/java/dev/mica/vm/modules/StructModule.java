package dev.mica.vm.modules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.Typecodes;

/**
 * The {@code struct} module as MicroPython has it: byte orders {@code @ = < > !}, counts before
 * any format character, native sizes and alignment for {@code @} (64-bit little-endian),
 * standard sizes without alignment for {@code < > !}. As in MicroPython, {@code unpack} only
 * needs a buffer that is big enough, {@code pack} accepts fewer values than the format has,
 * and errors are ValueError.
 */
public final class StructModule {
    private StructModule() {}

    public static PyModule create() {
        PyModule m = new PyModule("struct");
        m.setAttr("calcsize", new PyBuiltinFunction("calcsize", 1, 1, false, (a, kw) -> dev.mica.obj.PyInt.of(Format.parse(a[0]).size)));
        m.setAttr("pack", new PyBuiltinFunction("pack", 1, PyBuiltinFunction.VARIADIC, false, (a, kw) -> pack(a)));
        m.setAttr("pack_into", new PyBuiltinFunction("pack_into", 3, PyBuiltinFunction.VARIADIC, false, (a, kw) -> packInto(a)));
        PyBuiltinFunction unpack = new PyBuiltinFunction("unpack_from", 2, 3, false, (a, kw) -> unpackFrom(a));
        m.setAttr("unpack", unpack);
        m.setAttr("unpack_from", unpack);
        return m;
    }

    /** One format character with its repeat count. */
    private record Field(char code, int count) {}

    /** A parsed format: byte order, fields, total size and number of values. */
    private static final class Format {
        final char order;
        final List<Field> fields = new ArrayList<>();
        int size;
        int values;

        private Format(char order) {
            this.order = order;
        }

        static Format parse(PyObject formatObject) {
            String fmt = formatText(formatObject);
            int i = 0;
            char order = '@';
            if (!fmt.isEmpty() && "@=<>!".indexOf(fmt.charAt(0)) >= 0) {
                order = fmt.charAt(0) == '!' ? '>' : fmt.charAt(0);
                i = 1;
            }
            Format f = new Format(order);
            while (i < fmt.length()) {
                int count = 1;
                if (Character.isDigit(fmt.charAt(i))) {
                    int start = i;
                    while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    count = Integer.parseInt(fmt.substring(start, Math.min(i, start + 9)));
                }
                char code = i < fmt.length() ? fmt.charAt(i) : '\0';
                i++;
                f.fields.add(new Field(code, count));
                if (code == 'x') {
                    f.size += count;
                } else if (code == 's') {
                    f.values++;
                    f.size += count;
                } else {
                    int itemSize = f.itemSize(code);
                    int align = f.align(code);
                    f.values += count;
                    for (int k = 0; k < count; k++) {
                        f.size = alignUp(f.size, align);
                        f.size += itemSize;
                    }
                }
            }
            return f;
        }

        int itemSize(char code) {
            int n;
            if (order == '@') {
                n = Typecodes.sizeOrZero(code);
            } else if (order == '<' || order == '>') {
                n = code == 'l' || code == 'L' ? 4 : Typecodes.sizeOrZero(code);
            } else {
                n = 0; // '=' has no table of its own in MicroPython: every item is a bad typecode
            }
            if (n == 0) {
                throw Py.valueError("bad typecode");
            }
            return n;
        }

        int align(char code) {
            return order == '@' ? itemSize(code) : 1;
        }

        boolean bigEndian() {
            return order == '>';
        }
    }

    private static int alignUp(int n, int align) {
        return (n + align - 1) / align * align;
    }

    private static String formatText(PyObject o) {
        if (o instanceof PyStr s) {
            return s.value();
        }
        if (o instanceof PyBytes b) {
            return new String(b.bytes(), StandardCharsets.ISO_8859_1);
        }
        String name = o.type().name();
        throw Py.typeError("can't convert '" + name + "' object to str implicitly");
    }

    private static PyObject pack(PyObject[] a) {
        Format f = Format.parse(a[0]);
        byte[] out = new byte[f.size];
        packValues(f, out, 0, a, 1);
        return new PyBytes(out);
    }

    private static PyObject packInto(PyObject[] a) {
        BufferView target = Buffers.write(a[1]);
        int offset = offset(a[2], target.length());
        Format f = Format.parse(a[0]);
        if ((long) offset + f.size > target.length()) {
            throw bufferTooSmall();
        }
        packValues(f, target.array(), target.offset() + offset, a, 3);
        return PyNone.NONE;
    }

    /** Writes values {@code a[first..]} from {@code base}; stops quietly when the values run out. */
    private static void packValues(Format f, byte[] out, int base, PyObject[] a, int first) {
        int p = 0;
        int arg = first;
        for (Field field : f.fields) {
            if (arg >= a.length) {
                break;
            }
            if (field.code == 'x') {
                java.util.Arrays.fill(out, base + p, base + p + field.count, (byte) 0);
                p += field.count;
            } else if (field.code == 's') {
                BufferView src = Buffers.read(a[arg++]);
                int n = Math.min(field.count, src.length());
                System.arraycopy(src.array(), src.offset(), out, base + p, n);
                java.util.Arrays.fill(out, base + p + n, base + p + field.count, (byte) 0);
                p += field.count;
            } else {
                int size = f.itemSize(field.code);
                for (int k = 0; k < field.count && arg < a.length; k++) {
                    p = alignUp(p, f.align(field.code));
                    Typecodes.set(field.code, out, base + p, size, a[arg++], f.bigEndian());
                    p += size;
                }
            }
        }
    }

    private static PyObject unpackFrom(PyObject[] a) {
        Format f = Format.parse(a[0]);
        BufferView src = Buffers.read(a[1]);
        int offset = a.length > 2 ? offset(a[2], src.length()) : 0;
        if ((long) offset + f.size > src.length()) {
            throw bufferTooSmall();
        }
        byte[] b = src.array();
        int base = src.offset() + offset;
        PyObject[] values = new PyObject[f.values];
        int n = 0;
        int p = 0;
        for (Field field : f.fields) {
            if (field.code == 'x') {
                p += field.count;
            } else if (field.code == 's') {
                values[n++] = new PyBytes(java.util.Arrays.copyOfRange(b, base + p, base + p + field.count));
                p += field.count;
            } else {
                int size = f.itemSize(field.code);
                for (int k = 0; k < field.count; k++) {
                    p = alignUp(p, f.align(field.code));
                    values[n++] = Typecodes.get(field.code, b, base + p, size, f.bigEndian());
                    p += size;
                }
            }
        }
        return new PyTuple(values);
    }

    /** An offset argument; negative ones count from the end of the buffer. */
    private static int offset(PyObject o, int length) {
        long off = Ops.indexValue(o, "int");
        if (off < 0) {
            off += length;
            if (off < 0) {
                throw bufferTooSmall();
            }
        }
        return (int) Math.min(off, Integer.MAX_VALUE);
    }

    private static RuntimeException bufferTooSmall() {
        return Py.valueError("buffer too small");
    }
}
