package dev.mica.modules.deflate;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * DEFLATE compression as MicroPython does it: one final block with the fixed Huffman codes,
 * started before the first byte and ended on close. Each write is matched against a window of
 * the last 2^wbits bytes: at each position the longest match (3 bytes or more; as MicroPython,
 * up to 259, sent as two references when over 258) wins, the nearest one on a tie; otherwise a
 * literal. Matches may run on into the bytes being written, never past the end of that write.
 * Output bytes go to the sink one at a time as soon as they are complete, the same bytes
 * MicroPython writes.
 */
final class FixedHuffmanEncoder {
    private static final int MIN_MATCH = 3;
    private static final int LONGEST_SEARCH = 259;
    private static final int LONGEST_CODE = 258;
    private static final int HASH_BITS = 15;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};

    private final IntConsumer sink;
    private final int windowSize;
    /** The last bytes written, at most windowSize of them. */
    private byte[] history = new byte[0];
    private long pending;
    private int pendingBits;

    FixedHuffmanEncoder(int windowBits, IntConsumer sink) {
        this.windowSize = 1 << windowBits;
        this.sink = sink;
    }

    /** The block header: final block, fixed codes. */
    void start() {
        emit(0b011, 3);
    }

    /** The end-of-block code and seven more zero bits, so that it is all out in whole bytes. */
    void finish() {
        emit(0, 14);
    }

    void write(byte[] chunk) {
        int historyLength = history.length;
        byte[] data = Arrays.copyOf(history, historyLength + chunk.length);
        System.arraycopy(chunk, 0, data, historyLength, chunk.length);
        int[] head = new int[1 << HASH_BITS];
        Arrays.fill(head, -1);
        int[] previous = new int[data.length];
        int inserted = 0;
        int pos = historyLength;
        while (pos < data.length) {
            for (; inserted < pos; inserted++) {
                if (inserted + 2 < data.length) {
                    int h = hash(data, inserted);
                    previous[inserted] = head[h];
                    head[h] = inserted;
                }
            }
            int limit = Math.min(LONGEST_SEARCH, data.length - pos);
            int bestLength = 0;
            int bestDistance = 0;
            if (limit >= MIN_MATCH) {
                int oldest = pos - Math.min(windowSize, pos);
                for (int candidate = head[hash(data, pos)]; candidate >= oldest; candidate = previous[candidate]) {
                    int length = 0;
                    while (length < limit && data[candidate + length] == data[pos + length]) {
                        length++;
                    }
                    if (length >= MIN_MATCH && length > bestLength) {
                        bestLength = length;
                        bestDistance = pos - candidate;
                        if (length == limit) {
                            break;
                        }
                    }
                }
            }
            if (bestLength == 0) {
                literal(data[pos] & 0xff);
                pos++;
            } else {
                match(bestDistance, bestLength);
                pos += bestLength;
            }
        }
        int keep = Math.min(windowSize, data.length);
        history = Arrays.copyOfRange(data, data.length - keep, data.length);
    }

    private static int hash(byte[] d, int i) {
        int v = (d[i] & 0xff) << 16 | (d[i + 1] & 0xff) << 8 | d[i + 2] & 0xff;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private void literal(int c) {
        if (c < 144) {
            huffman(0x30 + c, 8);
        } else {
            huffman(0x190 + c - 144, 9);
        }
    }

    private void match(int distance, int length) {
        while (length > 0) {
            // 259 and 260 leave too little for a second reference after 258: send length - 3 first
            int part = length > LONGEST_CODE + 2 ? LONGEST_CODE : length <= LONGEST_CODE ? length : length - 3;
            length -= part;
            int code = 0;
            while (code + 1 < LENGTH_BASE.length && LENGTH_BASE[code + 1] <= part) {
                code++;
            }
            int symbol = 257 + code;
            if (symbol < 280) {
                huffman(symbol - 256, 7);
            } else {
                huffman(0xc0 + symbol - 280, 8);
            }
            emit(part - LENGTH_BASE[code], LENGTH_EXTRA[code]);
            int d = 0;
            while (d + 1 < DISTANCE_BASE.length && DISTANCE_BASE[d + 1] <= distance) {
                d++;
            }
            huffman(d, 5);
            emit(distance - DISTANCE_BASE[d], DISTANCE_EXTRA[d]);
        }
    }

    /** A Huffman code goes out most significant bit first. */
    private void huffman(int code, int length) {
        emit(Integer.reverse(code) >>> (32 - length), length);
    }

    /** Other fields go out least significant bit first. */
    private void emit(long value, int count) {
        pending |= value << pendingBits;
        pendingBits += count;
        while (pendingBits >= 8) {
            int b = (int) (pending & 0xff);
            pending >>>= 8;
            pendingBits -= 8;
            sink.accept(b);
        }
    }
}
