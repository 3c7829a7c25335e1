package dev.mica.modules.btree;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.zip.CRC32;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * Mica's on-stream format of a btree database (not Berkeley DB's): a 24-byte header, then the
 * records in key order. All numbers are 32-bit big-endian.
 *
 * <pre>
 * header:  "MBTR"  version(1)  page size  record count  data length  CRC-32 of the data
 * record:  key length  key bytes  value length  value bytes
 * </pre>
 * The whole database is written at once, from the start of the stream, when it is flushed.
 */
final class BtreeFile {
    static final int HEADER_SIZE = 24;
    private static final int MAGIC = 0x4d425452; // "MBTR"
    private static final int VERSION = 1;

    private BtreeFile() {}

    /** The data length a valid header announces; OSError(EINVAL) for anything else. */
    static int dataLength(byte[] header) {
        ByteBuffer b = ByteBuffer.wrap(header);
        if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION || b.getInt(16) < 0) {
            throw Py.osError(Errno.EINVAL);
        }
        return b.getInt(16);
    }

    /** Fills {@code into} from a header and its data; OSError(EINVAL) when they are not consistent. */
    static void decode(byte[] header, byte[] data, NavigableMap<byte[], byte[]> into) {
        ByteBuffer h = ByteBuffer.wrap(header);
        CRC32 crc = new CRC32();
        crc.update(data);
        if ((int) crc.getValue() != h.getInt(20)) {
            throw Py.osError(Errno.EINVAL);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            for (int i = h.getInt(12); i > 0; i--) {
                byte[] key = new byte[b.getInt()];
                b.get(key);
                byte[] value = new byte[b.getInt()];
                b.get(value);
                into.put(key, value);
            }
        } catch (RuntimeException e) {
            // a length pointing past the data (BufferUnderflow) or below zero
            throw Py.osError(Errno.EINVAL);
        }
    }

    static byte[] encode(NavigableMap<byte[], byte[]> records, int pageSize) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<byte[], byte[]> e : records.entrySet()) {
            writeInt(data, e.getKey().length);
            data.writeBytes(e.getKey());
            writeInt(data, e.getValue().length);
            data.writeBytes(e.getValue());
        }
        byte[] body = data.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + body.length);
        out.putInt(MAGIC).putInt(VERSION).putInt(pageSize).putInt(records.size()).putInt(body.length)
                .putInt((int) crc.getValue()).put(body);
        return out.array();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
