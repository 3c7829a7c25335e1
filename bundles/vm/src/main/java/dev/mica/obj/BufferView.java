package dev.mica.obj;

import java.util.Arrays;

/**
 * The raw bytes behind an object that has the buffer protocol: {@code length} bytes of
 * {@code array} starting at {@code offset}, holding items of {@code typecode} (an array
 * typecode; {@code 'B'} for bytes, bytearray and str). The array is shared with the object,
 * so writes through a writable view change the object.
 */
public record BufferView(byte[] array, int offset, int length, char typecode, boolean writable) {

    /** The byte at position {@code i} of the view, 0..255. */
    public int byteAt(int i) {
        return array[offset + i] & 0xff;
    }

    /** A fresh copy of the viewed bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** Size in bytes of one item. */
    public int itemSize() {
        return Typecodes.size(typecode);
    }
}
