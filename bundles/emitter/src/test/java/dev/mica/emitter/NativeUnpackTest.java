package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Compiled unpacking (a tuple of the right size takes a short path) gives the interpreter's values and errors. */
class NativeUnpackTest {
    private static final String PROGRAM = """
            from collections import namedtuple
            Point = namedtuple("Point", "x y")
            def f(pair, triple, items):
                a, b = pair
                c, d, e = triple
                print(a, b, c, d, e)
                g, h = items
                print(g, h)
                p, q = Point(5, 6)
                print(p, q)
                s, t = (i * i for i in range(2))
                print(s, t)
                a, b = b, a
                print(a, b)
                for bad in ((1, 2, 3), (1,), (), [1, 2, 3], "abc", iter([1])):
                    try:
                        u, v = bad
                    except ValueError as e:
                        print("ValueError", e)
                try:
                    u, v = 5
                except TypeError as e:
                    print("TypeError", e)
            f((1, 2), (3, 4, 5), [7, 8])
            """;

    @Test
    void compiledUnpackingMatchesBytecode() {
        String bytecode = PythonRun.output(PROGRAM);
        assertEquals("""
                1 2 3 4 5
                7 8
                5 6
                0 1
                2 1
                ValueError too many values to unpack (expected 2)
                ValueError need more than 1 values to unpack
                ValueError need more than 0 values to unpack
                ValueError too many values to unpack (expected 2)
                ValueError too many values to unpack (expected 2)
                ValueError need more than 1 values to unpack
                TypeError 'int' object isn't iterable
                """, bytecode);
        assertEquals(bytecode, PythonRun.output("import micropython\n" + PROGRAM.replace("def f(", "@micropython.native\ndef f(")));
    }
}
