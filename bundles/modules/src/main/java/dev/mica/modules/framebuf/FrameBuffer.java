package dev.mica.modules.framebuf;

import java.util.Arrays;

import dev.mica.obj.BufferSource;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;
import dev.mica.obj.Typecodes;

/**
 * framebuf.FrameBuffer: drawing into the caller's buffer, which it keeps and reads afresh for
 * every operation (so the pixels are always the buffer's bytes). The drawing algorithms (line,
 * ellipse, polygon fill, clipping, scrolling) follow MicroPython's so that the same pixels are set.
 */
final class FrameBuffer extends PyObject implements BufferSource {
    static final PyType TYPE = PyType.builtin("FrameBuffer", PyType.OBJECT);

    private static final int ELLIPSE_FILL = 0x10;
    private static final int ELLIPSE_ALL_QUADRANTS = 0x0f;
    private static final int Q1 = 0x01, Q2 = 0x02, Q3 = 0x04, Q4 = 0x08;

    private PyObject buffer;
    private int width;
    private int height;
    private int stride;
    private PixelFormat format;

    /** The storage of one operation: the buffer's bytes as they are now. */
    private byte[] bytes;
    private int base;
    private int length;

    private FrameBuffer() {}

    static final PyBuiltinFunction MAKE = new PyBuiltinFunction("FrameBuffer", 4, 5, false,
            (a, kw) -> new FrameBuffer().initialise(a, 0));

    static {
        TYPE.setConstructor((t, a, kw) -> MAKE.call(a, kw));
        TYPE.setSubclassBase(FrameBuffer::new);
        TYPE.method("__init__", 5, 6, a -> {
            FrameBuffer f = cast(a[0]);
            if (f == null) {
                throw Py.typeError("FrameBuffer.__init__ needs a FrameBuffer");
            }
            f.initialise(a, 1);
            return PyNone.NONE;
        });
        TYPE.method("fill", 2, 2, a -> {
            FrameBuffer f = open(a);
            f.fillRectClipped(0, 0, f.width, f.height, intArg(a[1]));
            return PyNone.NONE;
        });
        TYPE.method("fill_rect", 6, 6, a -> {
            long[] v = ints(a, 5);
            open(a).fillRect(v[0], v[1], v[2], v[3], v[4]);
            return PyNone.NONE;
        });
        TYPE.method("pixel", 3, 4, a -> {
            FrameBuffer f = open(a);
            long x = intArg(a[1]);
            long y = intArg(a[2]);
            if (0 <= x && x < f.width && 0 <= y && y < f.height) {
                if (a.length == 3) {
                    return PyInt.of(f.get((int) x, (int) y));
                }
                f.set((int) x, (int) y, intArg(a[3]));
            }
            return PyNone.NONE;
        });
        TYPE.method("hline", 5, 5, a -> {
            long[] v = ints(a, 4);
            open(a).fillRect(v[0], v[1], v[2], 1, v[3]);
            return PyNone.NONE;
        });
        TYPE.method("vline", 5, 5, a -> {
            long[] v = ints(a, 4);
            open(a).fillRect(v[0], v[1], 1, v[2], v[3]);
            return PyNone.NONE;
        });
        TYPE.method("rect", 6, 7, a -> {
            long[] v = ints(a, 5);
            FrameBuffer f = open(a);
            if (a.length > 6 && a[6].isTrue()) {
                f.fillRect(v[0], v[1], v[2], v[3], v[4]);
            } else {
                f.fillRect(v[0], v[1], v[2], 1, v[4]);
                f.fillRect(v[0], v[1] + v[3] - 1, v[2], 1, v[4]);
                f.fillRect(v[0], v[1], 1, v[3], v[4]);
                f.fillRect(v[0] + v[2] - 1, v[1], 1, v[3], v[4]);
            }
            return PyNone.NONE;
        });
        TYPE.method("line", 6, 6, a -> {
            long[] v = ints(a, 5);
            open(a).line(v[0], v[1], v[2], v[3], v[4]);
            return PyNone.NONE;
        });
        TYPE.method("ellipse", 6, 8, a -> {
            long[] v = ints(a, 5);
            int mask = a.length > 6 && a[6].isTrue() ? ELLIPSE_FILL : 0;
            mask |= a.length > 7 ? (int) (intArg(a[7]) & ELLIPSE_ALL_QUADRANTS) : ELLIPSE_ALL_QUADRANTS;
            open(a).ellipse(v[0], v[1], v[2], v[3], v[4], mask);
            return PyNone.NONE;
        });
        TYPE.method("poly", 5, 6, a -> {
            FrameBuffer f = self(a[0]);
            long x = intArg(a[1]);
            long y = intArg(a[2]);
            long[] points = coordinates(a[3]);
            if (points.length == 0) {
                return PyNone.NONE;
            }
            long colour = intArg(a[4]);
            boolean fill = a.length > 5 && a[5].isTrue();
            f.load();
            f.poly(x, y, points, colour, fill);
            return PyNone.NONE;
        });
        TYPE.method("blit", 4, 6, a -> {
            FrameBuffer f = self(a[0]);
            FrameBuffer source = cast(a[1]);
            if (source == null) {
                throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
            }
            long x = intArg(a[2]);
            long y = intArg(a[3]);
            long key = a.length > 4 ? intArg(a[4]) : -1;
            FrameBuffer palette = null;
            if (a.length > 5 && a[5] != PyNone.NONE) {
                palette = cast(a[5]);
                if (palette == null) {
                    throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
                }
                palette.load();
            }
            source.load();
            f.load();
            f.blit(source, x, y, key, palette);
            return PyNone.NONE;
        });
        TYPE.method("scroll", 3, 3, a -> {
            FrameBuffer f = self(a[0]);
            long dx = intArg(a[1]);
            long dy = intArg(a[2]);
            f.load();
            f.scroll(dx, dy);
            return PyNone.NONE;
        });
        TYPE.method("text", 4, 5, a -> {
            FrameBuffer f = self(a[0]);
            byte[] text;
            if (a[1] instanceof PyStr s) {
                text = s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else if (a[1] instanceof PyBytes b) {
                text = b.bytes();
            } else {
                throw Py.typeError("can't convert '" + a[1].type().name() + "' object to str implicitly");
            }
            long x = intArg(a[2]);
            long y = intArg(a[3]);
            long colour = a.length > 4 ? intArg(a[4]) : 1;
            f.load();
            f.text(text, x, y, colour);
            return PyNone.NONE;
        });
    }

    /** FrameBuffer(buffer, width, height, format[, stride]) from {@code a[first]} on. */
    private FrameBuffer initialise(PyObject[] a, int first) {
        long w = intArg(a[first + 1]);
        long h = intArg(a[first + 2]);
        long formatCode = intArg(a[first + 3]);
        long s = a.length > first + 4 ? intArg(a[first + 4]) : w;
        if (w < 1 || h < 1 || w > 0xffff || h > 0xffff || s > 0xffff || s < w) {
            throw valueError();
        }
        PixelFormat f = PixelFormat.of(formatCode);
        if (f == null) {
            throw Py.valueError("invalid format");
        }
        int unit = f.pixelsPerRowUnit();
        s = (s + unit - 1) / unit * unit;
        long widthNeeded = (w + unit - 1) / unit * unit;
        long heightNeeded = h;
        long fullStrides = h - 1;
        if (f == PixelFormat.MONO_VLSB) {
            heightNeeded = (h + 7) & ~7;
            fullStrides = heightNeeded - 8;
        }
        BufferView view = Buffers.write(a[first]);
        long bytesNeeded = (fullStrides * s + (heightNeeded - fullStrides) * widthNeeded) * f.bitsPerPixel / 8;
        if (bytesNeeded > view.length()) {
            throw valueError();
        }
        buffer = a[first];
        width = (int) w;
        height = (int) h;
        stride = (int) s;
        format = f;
        return this;
    }

    private static PyException valueError() {
        return new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
    }

    static FrameBuffer cast(PyObject o) {
        if (o instanceof FrameBuffer f) {
            return f;
        }
        if (o instanceof PyInstance i && i.base() instanceof FrameBuffer f) {
            return f;
        }
        return null;
    }

    private static FrameBuffer self(PyObject o) {
        FrameBuffer f = cast(o);
        if (f == null || f.buffer == null) {
            throw Py.typeError("FrameBuffer not initialised");
        }
        return f;
    }

    /** The framebuffer of a method call with its storage loaded (arguments converted before). */
    private static FrameBuffer open(PyObject[] a) {
        FrameBuffer f = self(a[0]);
        f.load();
        return f;
    }

    private void load() {
        BufferView v = Buffers.write(buffer);
        bytes = v.array();
        base = v.offset();
        length = v.length();
    }

    static long intArg(PyObject o) {
        if (o instanceof PyInt i) {
            if (i.isBig()) {
                throw Py.overflow("overflow converting long int to machine word");
            }
            return i.value;
        }
        if (o instanceof PyInstance inst && inst.base() instanceof PyInt) {
            return intArg(inst.base());
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    private static long[] ints(PyObject[] a, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = intArg(a[i + 1]);
        }
        return v;
    }

    /** The numbers of a buffer of coordinates (any typecode), an even count of them. */
    private static long[] coordinates(PyObject o) {
        BufferView v = Buffers.read(o);
        int size = Typecodes.size(v.typecode());
        int count = v.length() / (size * 2) * 2;
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = intArg(Typecodes.get(v.typecode(), v.array(), v.offset() + i * size, false));
        }
        return out;
    }

    private int get(int x, int y) {
        return format.get(bytes, base, length, stride, x, y);
    }

    private void set(int x, int y, long colour) {
        format.set(bytes, base, length, stride, x, y, colour);
    }

    private void setChecked(long x, long y, long colour, boolean draw) {
        if (draw && 0 <= x && x < width && 0 <= y && y < height) {
            set((int) x, (int) y, colour);
        }
    }

    /** Fills the part of the rectangle inside the framebuffer. */
    private void fillRect(long x, long y, long w, long h, long colour) {
        if (h < 1 || w < 1 || x + w <= 0 || y + h <= 0 || y >= height || x >= width) {
            return;
        }
        long xEnd = Math.min(width, x + w);
        long yEnd = Math.min(height, y + h);
        x = Math.max(x, 0);
        y = Math.max(y, 0);
        fillRectClipped((int) x, (int) y, (int) (xEnd - x), (int) (yEnd - y), colour);
    }

    private void fillRectClipped(int x, int y, int w, int h, long colour) {
        if (format == PixelFormat.GS8) {
            for (int row = y; row < y + h; row++) {
                int from = base + row * stride + x;
                if (row * stride + x + w <= length) {
                    Arrays.fill(bytes, from, from + w, (byte) colour);
                    continue;
                }
                for (int col = x; col < x + w; col++) {
                    set(col, row, colour);
                }
            }
            return;
        }
        for (int row = y; row < y + h; row++) {
            for (int col = x; col < x + w; col++) {
                set(col, row, colour);
            }
        }
    }

    /** Bresenham's line, both ends included, pixels outside skipped. */
    private void line(long x1, long y1, long x2, long y2, long colour) {
        long dx = x2 - x1;
        long sx = 1;
        if (dx <= 0) {
            dx = -dx;
            sx = -1;
        }
        long dy = y2 - y1;
        long sy = 1;
        if (dy <= 0) {
            dy = -dy;
            sy = -1;
        }
        boolean steep = dy > dx;
        if (steep) {
            long t = x1;
            x1 = y1;
            y1 = t;
            t = dx;
            dx = dy;
            dy = t;
            t = sx;
            sx = sy;
            sy = t;
        }
        long e = 2 * dy - dx;
        for (long i = 0; i < dx; i++) {
            if (steep) {
                setChecked(y1, x1, colour, true);
            } else {
                setChecked(x1, y1, colour, true);
            }
            while (e >= 0) {
                y1 += sy;
                e -= 2 * dx;
            }
            x1 += sx;
            e += 2 * dy;
        }
        setChecked(x2, y2, colour, true);
    }

    private void ellipsePoints(long cx, long cy, long x, long y, long colour, int mask) {
        if ((mask & ELLIPSE_FILL) != 0) {
            if ((mask & Q1) != 0) {
                fillRect(cx, cy - y, x + 1, 1, colour);
            }
            if ((mask & Q2) != 0) {
                fillRect(cx - x, cy - y, x + 1, 1, colour);
            }
            if ((mask & Q3) != 0) {
                fillRect(cx - x, cy + y, x + 1, 1, colour);
            }
            if ((mask & Q4) != 0) {
                fillRect(cx, cy + y, x + 1, 1, colour);
            }
        } else {
            setChecked(cx + x, cy - y, colour, (mask & Q1) != 0);
            setChecked(cx - x, cy - y, colour, (mask & Q2) != 0);
            setChecked(cx - x, cy + y, colour, (mask & Q3) != 0);
            setChecked(cx + x, cy + y, colour, (mask & Q4) != 0);
        }
    }

    /** The midpoint ellipse: the flat part stepping y, then the steep part stepping x. */
    private void ellipse(long cx, long cy, long rx, long ry, long colour, int mask) {
        if (rx == 0 && ry == 0) {
            setChecked(cx, cy, colour, (mask & ELLIPSE_ALL_QUADRANTS) != 0);
            return;
        }
        long twoASquare = 2 * rx * rx;
        long twoBSquare = 2 * ry * ry;
        long x = rx;
        long y = 0;
        long xChange = ry * ry * (1 - 2 * rx);
        long yChange = rx * rx;
        long error = 0;
        long stopX = twoBSquare * rx;
        long stopY = 0;
        while (stopX >= stopY) {
            ellipsePoints(cx, cy, x, y, colour, mask);
            y++;
            stopY += twoASquare;
            error += yChange;
            yChange += twoASquare;
            if (2 * error + xChange > 0) {
                x--;
                stopX -= twoBSquare;
                error += xChange;
                xChange += twoBSquare;
            }
        }
        x = 0;
        y = ry;
        xChange = ry * ry;
        yChange = rx * rx * (1 - 2 * ry);
        error = 0;
        stopX = 0;
        stopY = twoASquare * ry;
        while (stopX <= stopY) {
            ellipsePoints(cx, cy, x, y, colour, mask);
            x++;
            stopX += twoBSquare;
            error += xChange;
            xChange += twoBSquare;
            if (2 * error + yChange > 0) {
                y--;
                stopY -= twoASquare;
                error += yChange;
                yChange += twoASquare;
            }
        }
    }

    /**
     * A polygon through the points (offset by x, y). Filled: for each scan line, the crossings
     * with the edges (bottom end of an edge excluded), sorted and filled in pairs, with the
     * pixels of local minima and horizontal edges drawn separately. Edges are walked from the
     * first point backwards, as MicroPython does.
     */
    private void poly(long x, long y, long[] p, long colour, boolean fill) {
        int n = p.length / 2;
        if (!fill) {
            long px1 = p[0];
            long py1 = p[1];
            for (int i = n - 1; i >= 0; i--) {
                long px2 = p[2 * i];
                long py2 = p[2 * i + 1];
                line(x + px1, y + py1, x + px2, y + py2, colour);
                px1 = px2;
                py1 = py2;
            }
            return;
        }
        long yMin = Long.MAX_VALUE;
        long yMax = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            yMin = Math.min(yMin, p[2 * i + 1]);
            yMax = Math.max(yMax, p[2 * i + 1]);
        }
        long[] nodes = new long[n];
        for (long row = yMin; row <= yMax; row++) {
            int count = 0;
            long px1 = p[0];
            long py1 = p[1];
            for (int i = n - 1; i >= 0; i--) {
                long px2 = p[2 * i];
                long py2 = p[2 * i + 1];
                if (py1 != py2 && ((py1 > row && py2 <= row) || (py1 <= row && py2 > row))) {
                    nodes[count++] = (32 * px1 + 32 * (px2 - px1) * (row - py1) / (py2 - py1) + 16) / 32;
                } else if (row == Math.max(py1, py2)) {
                    if (py1 < py2) {
                        setChecked(x + px2, y + py2, colour, true);
                    } else if (py2 < py1) {
                        setChecked(x + px1, y + py1, colour, true);
                    } else {
                        line(x + px1, y + py1, x + px2, y + py2, colour);
                    }
                }
                px1 = px2;
                py1 = py2;
            }
            Arrays.sort(nodes, 0, count);
            for (int i = 0; i + 1 < count; i += 2) {
                fillRect(x + nodes[i], y + row, nodes[i + 1] - nodes[i] + 1, 1, colour);
            }
        }
    }

    private void blit(FrameBuffer source, long x, long y, long key, FrameBuffer palette) {
        if (x >= width || y >= height || -x >= source.width || -y >= source.height) {
            return;
        }
        int x0 = (int) Math.max(0, x);
        int y0 = (int) Math.max(0, y);
        int sx = (int) Math.max(0, -x);
        int sy = (int) Math.max(0, -y);
        int x0End = (int) Math.min(width, x + source.width);
        int y0End = (int) Math.min(height, y + source.height);
        long keyColour = key & 0xffffffffL;
        for (; y0 < y0End; y0++, sy++) {
            int cx1 = sx;
            for (int cx0 = x0; cx0 < x0End; cx0++, cx1++) {
                long colour = source.get(cx1, sy) & 0xffffffffL;
                if (palette != null) {
                    colour = colour < 1 << 24 ? palette.get((int) colour, 0) : 0;
                }
                if (colour != keyColour) {
                    set(cx0, y0, colour);
                }
            }
        }
    }

    private void scroll(long xStep, long yStep) {
        long sx;
        long xEnd;
        long dx;
        if (xStep < 0) {
            sx = 0;
            xEnd = width + xStep;
            if (xEnd <= 0) {
                return;
            }
            dx = 1;
        } else {
            sx = width - 1;
            xEnd = xStep - 1;
            if (xEnd >= sx) {
                return;
            }
            dx = -1;
        }
        long y;
        long yEnd;
        long dy;
        if (yStep < 0) {
            y = 0;
            yEnd = height + yStep;
            if (yEnd <= 0) {
                return;
            }
            dy = 1;
        } else {
            y = height - 1;
            yEnd = yStep - 1;
            if (yEnd >= y) {
                return;
            }
            dy = -1;
        }
        for (; y != yEnd; y += dy) {
            for (long x = sx; x != xEnd; x += dx) {
                long fromX = x - xStep;
                long fromY = y - yStep;
                int colour = fromX >= 0 && fromY >= 0 ? get((int) fromX, (int) fromY) : 0;
                set((int) x, (int) y, colour);
            }
        }
    }

    private void text(byte[] text, long x0, long y0, long colour) {
        for (byte b : text) {
            int c = b & 0xff;
            if (c < Font8x8.FIRST || c > Font8x8.LAST) {
                c = Font8x8.LAST;
            }
            for (int column = 0; column < 8; column++, x0++) {
                if (x0 < 0 || x0 >= width) {
                    continue;
                }
                for (int row = 0; row < 8; row++) {
                    long y = y0 + row;
                    if (Font8x8.isSet(c, column, row) && 0 <= y && y < height) {
                        set((int) x0, (int) y, colour);
                    }
                }
            }
        }
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<FrameBuffer>";
    }

    @Override
    public BufferView buffer() {
        return buffer == null ? new BufferView(new byte[0], 0, 0, 'B', true) : Buffers.view(buffer);
    }
}
