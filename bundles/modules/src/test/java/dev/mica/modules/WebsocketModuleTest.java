package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebsocketModuleTest {
    @Test
    void readsPayloadsUnmaskingAndSkippingControlFrames() {
        PythonRun run = PythonRun.of("""
                import io, websocket
                mask = bytes((1, 2, 3, 4))
                masked = bytes(b ^ mask[i % 4] for i, b in enumerate(b"hello"))
                ws = websocket.websocket(io.BytesIO(b"\\x89\\x01p" + b"\\x82\\x85" + mask + masked + b"\\x81\\x02hi"))
                print(ws.read(5), ws.ioctl(8), ws.read(2), ws.ioctl(8))
                s = io.BytesIO(b"\\x88\\x00")
                ws = websocket.websocket(s)
                print(ws.read(3), s.getvalue())
                """);
        assertEquals("b'hello' 2 b'hi' 1\nb'' b'\\x88\\x00\\x88\\x00'\n", run.out, run.err);
    }

    @Test
    void writesOneFramePerWrite() {
        PythonRun run = PythonRun.of("""
                import io, websocket
                s = io.BytesIO()
                ws = websocket.websocket(s)
                print(ws.write(b"abc"), ws.ioctl(9, 2), ws.write(b"z" * 200))
                v = s.getvalue()
                print(v[:5], v[5:9], len(v))
                try:
                    ws.ioctl(100)
                except OSError as e:
                    print("OSError", e.errno)
                """);
        assertEquals("3 1 200\nb'\\x81\\x03abc' b'\\x82~\\x00\\xc8' 209\nOSError 22\n", run.out, run.err);
    }
}
