package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

class DeflateModuleTest {
    private static final String SAMPLE = "the quick brown fox jumps over the lazy dog; " .repeat(20);

    @Test
    void compressedOutputIsReadableByTheJdk() throws Exception {
        PythonRun run = PythonRun.of("""
                import deflate, io
                b = io.BytesIO()
                with deflate.DeflateIO(b, deflate.ZLIB, 15) as d:
                    d.write(b"%s")
                print(b.getvalue().hex())
                """.formatted(SAMPLE));
        byte[] packed = HexFormat.of().parseHex(run.out.trim());
        Inflater inflater = new Inflater();
        inflater.setInput(packed);
        byte[] out = new byte[SAMPLE.length() + 10];
        int n = inflater.inflate(out);
        assertEquals(SAMPLE.length(), n, run.err);
        assertEquals(SAMPLE, new String(out, 0, n, "US-ASCII"));
        assertEquals(true, inflater.finished());
    }

    @Test
    void readsWhatTheJdkCompressedInEachFormat() {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9);
        deflater.setInput(SAMPLE.getBytes());
        deflater.finish();
        byte[] chunk = new byte[4096];
        while (!deflater.finished()) {
            zlib.write(chunk, 0, deflater.deflate(chunk));
        }
        String hex = HexFormat.of().formatHex(zlib.toByteArray());
        PythonRun run = PythonRun.of("""
                import deflate, io
                data = bytes.fromhex("%s")
                print(deflate.DeflateIO(io.BytesIO(data)).read() == b"%s")
                print(deflate.DeflateIO(io.BytesIO(data), deflate.ZLIB).read(9))
                raw = io.BytesIO(data[2:-4] + b"rest")
                print(len(deflate.DeflateIO(raw, deflate.RAW, 15).read()), raw.read())
                bad = data[:-1] + bytes([data[-1] ^ 1])
                try:
                    deflate.DeflateIO(io.BytesIO(bad)).read()
                except OSError as e:
                    print("OSError", e.errno)
                try:
                    deflate.DeflateIO(io.BytesIO(data[:10])).read()
                except EOFError:
                    print("EOFError")
                """.formatted(hex, SAMPLE));
        assertEquals("True\nb'the quick'\n900 b'rest'\nOSError 22\nEOFError\n", run.out, run.err);
    }

    @Test
    void fixedHuffmanOutputIsMicroPythons() {
        // "hello" as one final fixed-Huffman block, in zlib and gzip framing
        PythonRun run = PythonRun.of("""
                import deflate, io
                for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
                    b = io.BytesIO()
                    with deflate.DeflateIO(b, fmt, 9) as d:
                        d.write(b"hello")
                    print(b.getvalue().hex())
                for args in ((io.BytesIO(), 4), (io.BytesIO(), 1, 16)):
                    try:
                        deflate.DeflateIO(*args)
                    except ValueError as e:
                        print(e)
                """);
        assertEquals("cb48cdc9c90700\n1895cb48cdc9c90700062c0215\n"
                + "1f8b0800000000000403cb48cdc9c907008" + "6a6103605000000\nformat\nwbits\n", run.out, run.err);
    }

    @Test
    void roundTripsWithSmallWindows() {
        PythonRun run = PythonRun.of("""
                import deflate, io
                data = bytes((i * i * 7 + i * 3) % 256 for i in range(1000)) * 3 + b"x" * 700
                sizes = []
                for wbits in (5, 8, 12):
                    b = io.BytesIO()
                    with deflate.DeflateIO(b, deflate.RAW, wbits) as d:
                        d.write(data[:1000])
                        d.write(data[1000:])
                    packed = b.getvalue()
                    sizes.append(len(packed))
                    print(deflate.DeflateIO(io.BytesIO(packed), deflate.RAW, wbits).read() == data)
                print(sizes[0] > sizes[1] > sizes[2])
                """);
        assertEquals("True\nTrue\nTrue\nTrue\n", run.out, run.err);
    }

}
