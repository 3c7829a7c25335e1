package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonModuleTest {
    @Test
    void dumpsInMicroPythonsFormat() {
        PythonRun run = PythonRun.of("""
                import json
                print(json.dumps([None, True, 1, "a\\"b\\\\c\\n\\x01", (2, []), {"k": {}}]))
                print(json.dumps({1: 2}), json.dumps({None: 0}), json.dumps(b"xy"))
                print(json.dumps([1, {"a": 2}], separators=(",", ":")))
                """);
        assertEquals("""
                [null, true, 1, "a\\"b\\\\c\\n\\u0001", [2, []], {"k": {}}]
                {"1": 2} {"null": 0} "xy"
                [1,{"a":2}]
                """, run.out, run.err);
    }

    @Test
    void refusesBadSeparatorsAndArguments() {
        PythonRun run = PythonRun.of("""
                import json
                for sep in (1, (), (",", 2)):
                    try:
                        json.dumps(0, separators=sep)
                    except Exception as e:
                        print(type(e).__name__, e)
                for call in (lambda: json.dumps(1, 2), lambda: json.dumps(1, indent=1), lambda: json.dump(1, {})):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e)
                """);
        assertEquals("""
                TypeError object 'int' isn't a tuple or list
                ValueError requested length 2 but object has length 0
                TypeError can't convert 'int' object to str implicitly
                TypeError extra positional arguments given
                TypeError extra keyword arguments given
                OSError stream operation not supported
                """, run.out, run.err);
    }

    @Test
    void aPythonStreamGetsThePiecesMicroPythonsPrinterWrites() {
        // pieces measured on MicroPython v1.24.1's unix port
        PythonRun run = PythonRun.of("""
                import io, json
                class Sink(io.IOBase):
                    def __init__(self):
                        self.parts = []
                    def write(self, b):
                        self.parts.append(bytes(b))
                        return len(b)
                s = Sink()
                json.dump([[1, 2], "\\u00e9\\x01", {None: b"q\\n"}], s)
                print(s.parts)
                """);
        assertEquals("""
                [b'[', b'[', b'1', b', ', b'2', b']', b', ', b'"', b'\\xc3', b'\\xa9', b'\\\\u', b'000', b'1', b'"', b', ', b'{', b'"', b'null', b'"', b': ', b'"', b'q', b'\\\\n', b'"', b'}', b']']
                """, run.out, run.err);
    }

    @Test
    void loadsLenientlyAsMicroPythonDoes() {
        PythonRun run = PythonRun.of("""
                import json
                print(json.loads('[1 2,,3]'), json.loads('{"a" 1'), json.loads('[{]'), repr(json.loads('"\\\\u0041\\\\t"')))
                print(json.loads(b' -2.5e1 '), json.loads(bytearray(b'[true, false, null]')))
                for text in ('', '[[1', ']', '1 2', 'nul', '{[]: 1}'):
                    try:
                        json.loads(text)
                    except ValueError as e:
                        print(repr(text), e)
                try:
                    json.loads('-')
                except ValueError as e:
                    print(e)
                """);
        assertEquals("""
                [1, 2, 3] {'a': 1} [{}] 'A\\t'
                -25.0 [True, False, None]
                '' syntax error in JSON
                '[[1' syntax error in JSON
                ']' syntax error in JSON
                '1 2' syntax error in JSON
                'nul' syntax error in JSON
                '{[]: 1}' syntax error in JSON
                invalid syntax for integer with base 10: ''
                """, run.out, run.err);
    }

    @Test
    void dumpsToAndLoadsFromStreams() {
        PythonRun run = PythonRun.of("""
                import io, json
                class Sink(io.IOBase):
                    def __init__(self):
                        self.types = set()
                        self.text = b''
                    def write(self, b):
                        self.types.add(type(b).__name__)
                        self.text += b
                        return len(b)
                s = Sink()
                json.dump({"a": [1]}, s)
                print(s.types, s.text)
                buf = io.StringIO()
                json.dump([1, "x"], buf)
                print(json.load(io.StringIO(buf.getvalue())), json.load(io.BytesIO(b'{"b": 2}')))
                class NotAStream:
                    def read(self):
                        return '1'
                try:
                    json.load(NotAStream())
                except OSError as e:
                    print(e)
                """);
        assertEquals("""
                {'bytearray'} b'{"a": [1]}'
                [1, 'x'] {'b': 2}
                stream operation not supported
                """, run.out, run.err);
    }
}
