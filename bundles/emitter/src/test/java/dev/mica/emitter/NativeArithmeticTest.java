package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Compiled code's inline number cases give the interpreter's results, overflows and errors. */
class NativeArithmeticTest {
    private static final String PROGRAM = """
            def f(a, b, x, y):
                print(a * b, a // b, -a // b, a % b, -a % b, a & b, a | b, a ^ b, a << b, a >> 1, -a >> 1)
                print(1 << 62, 1 << 63, -(1 << 62), 3 * (1 << 61), (1 << 40) * (1 << 40), -(-9223372036854775807 - 1))
                print(x * y, x / y, x + a, a + x, a - x, x - a, x * a, a / x, x // y, x % y)
                print(x < a, a < x, x == 2.5, a == 3.0, -x, -a, x ** 2, a / b, True + x, True * 2)
                print('ab' + 'cd', '%d-%s' % (1, 'x'), [1] * 3, 'x' * 3, (1 << 70) * x, 12345678901234567890 // 7)
                for bad in (lambda: a // 0, lambda: a % 0, lambda: x / 0, lambda: a << -1, lambda: x // 0.0):
                    try:
                        bad()
                    except (ZeroDivisionError, ValueError) as e:
                        print(type(e).__name__, e)
            f(3, 7, 2.5, -1.25)
            """;

    @Test
    void compiledArithmeticMatchesBytecode() {
        String bytecode = PythonRun.output(PROGRAM);
        assertEquals("""
                21 0 -1 3 4 3 7 4 384 1 -2
                4611686018427387904 9223372036854775808 -4611686018427387904 6917529027641081856 1208925819614629174706176 9223372036854775808
                -3.125 -2.0 5.5 5.5 0.5 -0.5 7.5 1.2 -2.0 -0.0
                True False True True -2.5 -3 6.25 0.4285714285714286 3.5 2
                abcd 1-x [1, 1, 1] xxx 2.951479051793528e+21 1763668414462081127
                ZeroDivisionError divide by zero
                ZeroDivisionError divide by zero
                ZeroDivisionError divide by zero
                ValueError negative shift count
                ZeroDivisionError divide by zero
                """, bytecode);
        assertEquals(bytecode, PythonRun.output("import micropython\n" + PROGRAM.replace("def f(", "@micropython.native\ndef f(")));
    }
}
