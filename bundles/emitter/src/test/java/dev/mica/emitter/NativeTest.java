package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeTest {
    @Test
    void nativeFunctionsGiveTheResultsOfBytecode() {
        assertEquals("45 [0, 1, 4] {'a': 1} (1, 2) 3\n", PythonRun.output("""
                @micropython.native
                def f(n, *args, k=1):
                    s = 0
                    for i in range(n):
                        s += i
                    sq = [i * i for i in range(3)]
                    a, b = args
                    return s, sq, {'a': k}, (a, b), len(args) + k
                print(*f(10, 1, 2))
                """));
    }

    @Test
    void closuresMethodsAndGlobals() {
        assertEquals("11 hello 7\n", PythonRun.output("""
                g = 7
                class C:
                    @micropython.native
                    def m(self, x):
                        return x + self.y
                    def __init__(self):
                        self.y = 10
                @micropython.native
                def outer():
                    v = 'hello'
                    def inner():
                        return v
                    return inner
                print(C().m(1), outer()(), g)
                """));
    }

    @Test
    void tracebacksCarryTheLineOfTheFailingInstruction() {
        assertEquals("""
                Traceback (most recent call last):
                  File "<test>", line 6, in <module>
                  File "<test>", line 4, in f
                ZeroDivisionError: divide by zero
                """, PythonRun.output("""
                @micropython.native
                def f(x):
                    y = x + 1
                    return y // 0
                
                f(1)
                """));
    }

    @Test
    void generatorsAndTryBlocksStillRun() {
        assertEquals("[0, 1] caught\n", PythonRun.output("""
                @micropython.native
                def gen():
                    yield 0
                    yield 1
                @micropython.native
                def risky():
                    try:
                        raise ValueError
                    except ValueError:
                        return 'caught'
                print(list(gen()), risky())
                """));
    }
}
