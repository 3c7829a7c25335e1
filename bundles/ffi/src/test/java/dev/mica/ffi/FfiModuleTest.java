package dev.mica.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/** The ffi module calling the C library of the machine the tests run on (glibc's libc and libm). */
class FfiModuleTest {
    private record Output(String out, String err) {}

    private static Output run(String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, err);
        try (Interpreter interpreter = new MicaInterpreterFactory().create(config)) {
            interpreter.runSource("import ffi\nlibc = ffi.open('libc.so.6')\nlibm = ffi.open('libm.so.6')\n" + source, "<test>");
        }
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void passesIntsStringsAndBuffersAndWritesBackWhatCChanged() {
        Output o = run("""
                strlen = libc.func('L', 'strlen', 's')
                print(strlen('h\u00e9llo'), strlen(b'abc\\0def'))
                snprintf = libc.func('i', 'snprintf', 'pLsi')
                out = bytearray(12)
                print(snprintf(out, len(out), 'n=%d', -42), out[:5])
                memchr = libc.func('p', 'memchr', 'pii')
                print(memchr(b'xyz', ord('y'), 3) != 0, memchr(b'xyz', ord('q'), 3))
                getenv = libc.func('s', 'getenv', 's')
                print(getenv('MICA_NO_SUCH_VARIABLE'))
                """);
        assertEquals("6 3\n5 bytearray(b'n=-42')\nTrue 0\nNone\n", o.out(), o.err());
    }

    @Test
    void integersCrossAtTheirCWidth() {
        Output o = run("""
                print(libc.func('Q', 'strtoull', 'spi')('18446744073709551615', None, 10))
                print(libc.func('q', 'strtoll', 'spi')('-9223372036854775808', None, 10))
                print(libc.func('I', 'strtoul', 'spi')('4294967295', None, 10) & 0xffffffff)
                abs_ = libc.func('i', 'abs', 'i')
                print(abs_(-7), abs_(0x1_0000_0005))
                """);
        assertEquals("18446744073709551615\n-9223372036854775808\n4294967295\n7 5\n", o.out(), o.err());
    }

    @Test
    void floatsAndDoublesPassAndReturn() {
        Output o = run("""
                print(libm.func('d', 'pow', 'dd')(2, 0.5))
                print('%.5f' % libm.func('f', 'powf', 'ff')(3, 4))
                print(libm.func('d', 'fabs', 'd')(-2.5))
                """);
        assertEquals("1.414213562373095\n81.00000\n2.5\n", o.out(), o.err());
    }

    @Test
    void cCallsBackIntoPythonDuringTheCall() {
        Output o = run("""
                qsort = libc.func('v', 'qsort', 'piip')
                def descending(pa, pb):
                    return ffi.as_bytearray(pb, 1)[0] - ffi.as_bytearray(pa, 1)[0]
                compare = ffi.callback('i', descending, 'pp')
                print(type(compare), compare.cfun() != 0)
                s = bytearray(b'micropython')
                qsort(s, len(s), 1, compare)
                print(s)
                """);
        assertEquals("<class 'fficallback'> True\nbytearray(b'ytrpoonmihc')\n", o.out(), o.err());
    }

    @Test
    void anExceptionInACallbackIsReportedAndTheCallbackReturnsZero() {
        Output o = run("""
                qsort = libc.func('v', 'qsort', 'piip')
                def broken(pa, pb):
                    raise ValueError('no order')
                s = bytearray(b'ba')
                qsort(s, 2, 1, ffi.callback('i', broken, 'pp'))
                print(s)
                """);
        assertEquals("bytearray(b'ba')\n", o.out(), o.err());
        assertEquals("Uncaught exception in FFI callback\nTraceback (most recent call last):\n"
                + "  File \"<test>\", line 6, in broken\nValueError: no order\n", o.err());
    }

    @Test
    void badNamesTypesAndArgumentsRaiseMicroPythonsErrors() {
        Output o = run("""
                def attempt(f):
                    try:
                        f()
                    except Exception as e:
                        print(type(e).__name__, e)
                attempt(lambda: ffi.open('/no/such/library.so'))
                attempt(lambda: libc.func('i', 'mica_no_such_symbol', ''))
                attempt(lambda: libc.func('i', 'abs', 'z'))
                attempt(lambda: libc.func('z', 'abs', 'i'))
                attempt(lambda: libc.func('i', 'abs', 'i')(1.5))
                attempt(lambda: libc.func('i', 'abs', 'i')(1, 2))
                attempt(lambda: libc.func('i', 'abs', 'O')(1))
                """);
        assertEquals("OSError [Errno 2] ENOENT\nOSError [Errno 2] ENOENT\nTypeError unknown type\n"
                + "ValueError error in ffi_prep_cif\nTypeError don't know how to pass object to native function\n"
                + "TypeError function expected 1 arguments but got 2\n"
                + "TypeError can't pass a Python object to native code\n", o.out(), o.err());
    }
}
