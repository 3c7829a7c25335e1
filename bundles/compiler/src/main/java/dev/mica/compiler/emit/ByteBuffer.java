package dev.mica.compiler.emit;

import java.util.Arrays;

/** A growable byte array. */
final class ByteBuffer {
    private byte[] data = new byte[64];
    private int size;

    void add(int b) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = (byte) b;
    }

    /** Appends {@code value} as a var-uint: 7 bits a byte, most significant first. */
    void addUint(long value) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (value & 0x7f);
        value >>>= 7;
        while (value != 0) {
            buf[--p] = (byte) (0x80 | (value & 0x7f));
            value >>>= 7;
        }
        for (int i = p; i < buf.length; i++) {
            add(buf[i]);
        }
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
