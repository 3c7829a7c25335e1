package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViperTest {
    @Test
    void intArithmeticWrapsAroundAt64Bits() {
        // as bytecode the product would be a long int; viper's int is a machine word
        assertEquals("-2\n", PythonRun.output("""
                @micropython.viper
                def f(x: int) -> int:
                    return x * 2
                print(f(0x7fffffffffffffff))
                """));
    }

    @Test
    void uintIsReadWithoutSign() {
        assertEquals("True\n", PythonRun.output("""
                import sys
                @micropython.viper
                def f() -> uint:
                    return uint(-1)
                print(f() == (sys.maxsize << 1 | 1))
                """));
    }

    @Test
    void pointersReadAndWriteBuffers() {
        assertEquals("bytearray(b'\\x02\\x04\\x06')\n1541\n", PythonRun.output("""
                @micropython.viper
                def double(buf, n: int):
                    p = ptr8(buf)
                    for i in range(n):
                        p[i] = p[i] * 2
                @micropython.viper
                def word(buf) -> int:
                    return ptr16(buf)[0]
                b = bytearray(b'\\x01\\x02\\x03')
                double(b, 3)
                print(b)
                print(word(bytearray(b'\\x05\\x06')))
                """));
    }

    @Test
    void comparisonsAndShiftsFollowTheWordType() {
        assertEquals("1 0 3 True\n", PythonRun.output("""
                @micropython.viper
                def f(a: int, b: uint):
                    x = 1 if uint(0) < b else 0
                    y = 1 if a > 0 else 0
                    return x, y, int(b >> 62), a < 0
                print(*f(-1, 0xffffffffffffffff))
                """));
    }

    @Test
    void typeErrorsComeAtCompileTimeWithMicroPythonsMessages() {
        assertEquals("""
                ViperTypeError("local 'x' has type 'int' but source is 'object'",)
                ViperTypeError("can't do binary op between 'int' and 'object'",)
                ViperTypeError("return expected 'int' but got 'object'",)
                ViperTypeError("unknown type 'float'",)
                NotImplementedError('native yield',)
                """, PythonRun.output("""
                def test(code):
                    try:
                        exec(code)
                    except (ViperTypeError, NotImplementedError) as e:
                        print(repr(e))
                test("@micropython.viper\\ndef f():\\n    x = 1\\n    x = []")
                test("@micropython.viper\\ndef f(): 1 + []")
                test("@micropython.viper\\ndef f() -> int: return []")
                test("@micropython.viper\\ndef f(x: float): pass")
                test("@micropython.viper\\ndef f(): yield")
                """));
    }

    @Test
    void objectsStillWorkInsideViper() {
        assertEquals("[1, 2, 3] abc 6\n", PythonRun.output("""
                @micropython.viper
                def f(items) -> object:
                    out = []
                    for x in items:
                        out.append(x)
                    s = 0
                    for i in range(int(len(items))):
                        s += int(items[i])
                    return out, 'a' + 'bc', s
                print(*f([1, 2, 3]))
                """));
    }

    @Test
    void typeErrorsNameTheFirstStatementWithOneAndItsLine() {
        // the second statement's error would be the last one found; MicroPython stops at the first
        assertEquals("""
                Traceback (most recent call last):
                  File "<test>", line 5, in f
                ViperTypeError: local 'y' has type 'int' but source is 'object'
                """, PythonRun.output("""
                @micropython.viper
                def f(x: int):
                    y = 1
                    z = 2
                    y = 'a'; z = None
                    return 2
                """));
    }
}
