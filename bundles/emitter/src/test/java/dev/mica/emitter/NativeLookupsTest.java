package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Compiled code's cached lookups (globals and builtins, class and instance attributes) and its
 * short calls follow every change a program makes, as bytecode does.
 */
class NativeLookupsTest {
    private static final String PROGRAM = """
                @micropython.native
                def lookups(n):
                    out = []
                    for i in range(n):
                        out.append(len('ab') + x)
                    return out
                x = 1
                print(lookups(2))
                x = 5
                print(lookups(1))
                len = lambda s: 100
                print(lookups(1))
                del len
                print(lookups(1))
                class K:
                    C = 1
                    def m(self):
                        return 'm'
                    @staticmethod
                    def s(a):
                        return a * 2
                    @classmethod
                    def c(cls):
                        return cls.C
                @micropython.native
                def attrs(k):
                    return K.C, k.C, k.m(), k.s(3), k.c(), K.s(4), K.c()
                k = K()
                print(attrs(k))
                K.C = 2
                K.m = lambda self: 'n'
                print(attrs(k))
                k.m = lambda: 'own'
                k.C = 3
                print(attrs(k))
                @micropython.native
                def short_calls(f, g):
                    def add(a, b):
                        return a + b + f
                    r = [add(1, 2), g(), g(1), g(1, 2), g(1, 2, 3), max(4, 9, 2), K(), str(7)]
                    try:
                        add(1)
                    except TypeError:
                        r.append('TypeError')
                    return r[:5] + r[5:6] + [type(r[6]).__name__, r[7], r[8]]
                print(short_calls(10, lambda *a: len(a)))
                @micropython.native
                def many_attributes():
                    o = K()
                    for i in range(20):
                        setattr(o, 'a' + str(i), i)
                    delattr(o, 'a3')
                    o.a19 = 'last'
                    return getattr(o, 'a2'), hasattr(o, 'a3'), o.a19, getattr(o, 'a18')
                print(many_attributes())
                """;

    private static final String EXPECTED = """
                [3, 3]
                [7]
                [105]
                [7]
                (1, 1, 'm', 6, 1, 8, 1)
                (2, 2, 'n', 6, 2, 8, 2)
                (2, 3, 'own', 6, 2, 8, 2)
                [13, 0, 1, 2, 3, 9, 'K', '7', 'TypeError']
                (2, False, 'last', 18)
                """;

    @Test
    void compiledCodeSeesEveryChangeOfNamesAndClasses() {
        assertEquals(EXPECTED, PythonRun.output(PROGRAM));
    }

    @Test
    void bytecodeGivesTheSame() {
        assertEquals(EXPECTED, PythonRun.output(PROGRAM.replace("@micropython.native\n", "")));
    }

    @Test
    void tieredCodeGivesTheSame() {
        assertEquals(EXPECTED, PythonRun.output(PROGRAM.replace("@micropython.native\n", ""), 1));
    }
}
