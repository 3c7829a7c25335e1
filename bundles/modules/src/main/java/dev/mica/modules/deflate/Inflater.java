package dev.mica.modules.deflate;

/**
 * A DEFLATE (RFC 1951) decoder that pulls its input one byte at a time and only when it needs
 * another bit, so that it never reads past what it has decoded (a stream holding more after the
 * compressed data is left positioned right after it). Back references farther than the window
 * are errors, which is how a too small wbits shows. Output is produced on demand, as much as the
 * caller asks for.
 */
final class Inflater {
    /** Where the compressed bytes come from; it raises the Python exception for end or failure. */
    interface Source {
        int nextByte();
    }

    /** Invalid compressed data. */
    static final class DataError extends RuntimeException {
        DataError() {
            super(null, null, false, false);
        }
    }

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    /** The order in which a dynamic block lists the code lengths of the code-length alphabet. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final int END_OF_BLOCK = -1;
    private static final int MAX_CODE_BITS = 15;

    /** A canonical Huffman code: how many codes each length has, and the symbols in code order. */
    private static final class Code {
        final int[] counts = new int[MAX_CODE_BITS + 1];
        final int[] symbols;

        Code(int[] lengths, int from, int n) {
            symbols = new int[n];
            for (int i = 0; i < n; i++) {
                counts[lengths[from + i]]++;
            }
            counts[0] = 0;
            int[] offsets = new int[MAX_CODE_BITS + 2];
            for (int len = 1; len <= MAX_CODE_BITS; len++) {
                offsets[len + 1] = offsets[len] + counts[len];
            }
            for (int i = 0; i < n; i++) {
                int len = lengths[from + i];
                if (len != 0) {
                    symbols[offsets[len]++] = i;
                }
            }
        }
    }

    private static final Code FIXED_LITERALS;
    private static final Code FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        for (int i = 0; i < 288; i++) {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        FIXED_LITERALS = new Code(lengths, 0, 288);
        int[] distances = new int[32];
        java.util.Arrays.fill(distances, 5);
        FIXED_DISTANCES = new Code(distances, 0, 32);
    }

    private final Source source;
    private final byte[] window;
    private int windowPos;
    private int bits;
    private int bitCount;

    private int blockType = -1;
    private boolean finalBlock;
    private Code literals;
    private Code distances;
    /** Bytes still to copy from the window (a back reference), and where they come from. */
    private int copyLeft;
    private int copyFrom;
    /** For a stored block: bytes left plus one, 0 before its header has been read. */
    private int storedLeft;
    private boolean finished;

    Inflater(Source source, int windowBits) {
        this.source = source;
        this.window = new byte[1 << windowBits];
    }

    boolean finished() {
        return finished;
    }

    /**
     * Decodes into {@code out} until {@code len} bytes are there or the last block ends; returns
     * how many were produced.
     */
    int inflate(byte[] out, int off, int len) {
        int n = 0;
        if (finished) {
            return 0;
        }
        if (blockType == -1) {
            startBlock();
        }
        do {
            int b = step();
            while (b == END_OF_BLOCK && !finalBlock) {
                startBlock();
                b = step();
            }
            if (b == END_OF_BLOCK) {
                finished = true;
                return n;
            }
            out[off + n++] = (byte) b;
        } while (n < len);
        return n;
    }

    private int bit() {
        if (bitCount == 0) {
            bits = source.nextByte();
            bitCount = 8;
        }
        int b = bits & 1;
        bits >>= 1;
        bitCount--;
        return b;
    }

    /** {@code n} bits, least significant first. */
    private int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v |= bit() << i;
        }
        return v;
    }

    private int decode(Code code) {
        int value = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= MAX_CODE_BITS; len++) {
            value |= bit();
            int count = code.counts[len];
            if (value - first < count) {
                return code.symbols[index + value - first];
            }
            index += count;
            first = (first + count) << 1;
            value <<= 1;
        }
        throw new DataError();
    }

    private void startBlock() {
        finalBlock = bit() == 1;
        blockType = bits(2);
        storedLeft = 0;
        copyLeft = 0;
        if (blockType == 1) {
            literals = FIXED_LITERALS;
            distances = FIXED_DISTANCES;
        } else if (blockType == 2) {
            readDynamicCodes();
        }
    }

    private void readDynamicCodes() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        int[] lengths = new int[288 + 32];
        for (int i = 0; i < codeLengthCount; i++) {
            lengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Code codeLengths = new Code(lengths, 0, 19);
        java.util.Arrays.fill(lengths, 0, 19, 0);
        int total = literalCount + distanceCount;
        for (int n = 0; n < total;) {
            int sym = decode(codeLengths);
            if (sym < 16) {
                lengths[n++] = sym;
                continue;
            }
            int fill = 0;
            int repeat;
            if (sym == 16) {
                if (n == 0) {
                    throw new DataError();
                }
                fill = lengths[n - 1];
                repeat = bits(2) + 3;
            } else if (sym == 17) {
                repeat = bits(3) + 3;
            } else {
                repeat = bits(7) + 11;
            }
            if (n + repeat > total) {
                throw new DataError();
            }
            while (repeat-- > 0) {
                lengths[n++] = fill;
            }
        }
        if (lengths[256] == 0) {
            throw new DataError();
        }
        literals = new Code(lengths, 0, literalCount);
        distances = new Code(lengths, literalCount, distanceCount);
    }

    /** The next output byte of the current block, or END_OF_BLOCK. */
    private int step() {
        switch (blockType) {
            case 0:
                return storedByte();
            case 1:
            case 2:
                return codedByte();
            default:
                throw new DataError();
        }
    }

    private int storedByte() {
        if (storedLeft == 0) {
            bitCount = 0;
            int length = source.nextByte() | source.nextByte() << 8;
            int complement = source.nextByte() | source.nextByte() << 8;
            if (length != (~complement & 0xffff)) {
                throw new DataError();
            }
            storedLeft = length + 1;
        }
        if (--storedLeft == 0) {
            return END_OF_BLOCK;
        }
        return put(source.nextByte());
    }

    private int codedByte() {
        if (copyLeft == 0) {
            int sym = decode(literals);
            if (sym < 256) {
                return put(sym);
            }
            if (sym == 256) {
                return END_OF_BLOCK;
            }
            sym -= 257;
            if (sym >= 29) {
                throw new DataError();
            }
            copyLeft = LENGTH_BASE[sym] + bits(LENGTH_EXTRA[sym]);
            int dist = decode(distances);
            if (dist >= 30) {
                throw new DataError();
            }
            int distance = DISTANCE_BASE[dist] + bits(DISTANCE_EXTRA[dist]);
            if (distance > window.length) {
                throw new DataError();
            }
            copyFrom = (windowPos - distance + window.length) % window.length;
        }
        int b = window[copyFrom] & 0xff;
        copyFrom = (copyFrom + 1) % window.length;
        copyLeft--;
        return put(b);
    }

    private int put(int b) {
        window[windowPos] = (byte) b;
        windowPos = (windowPos + 1) % window.length;
        return b;
    }
}
