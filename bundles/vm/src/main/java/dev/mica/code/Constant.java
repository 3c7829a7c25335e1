package dev.mica.code;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * An entry of a module's constant table, independent of any runtime's object model: the kinds
 * a {@code .mpy} v6 file can hold ({@code MP_PERSISTENT_OBJ_*}).
 */
public sealed interface Constant {
    /** {@code None}, {@code False}, {@code True} or {@code ...}. */
    enum Singleton implements Constant { NONE, FALSE, TRUE, ELLIPSIS }

    record Str(String value) implements Constant {}

    record Bytes(byte[] value) implements Constant {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes" + Arrays.toString(value);
        }
    }

    /** An integer too big for a small-int opcode operand. */
    record Int(BigInteger value) implements Constant {}

    record Float(double value) implements Constant {}

    record Complex(double real, double imag) implements Constant {}

    record Tuple(List<Constant> items) implements Constant {
        public Tuple {
            items = List.copyOf(items);
        }
    }
}
