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
    void compiledGeneratorsSuspendAndResume() {
        assertEquals("got a 0 1 2\nstop ('end',)\ncaught 3\nfinally\n", PythonRun.output("""
                @micropython.native
                def gen(n):
                    for i in range(n):
                        x = yield i
                        if x:
                            print('got', x, end=' ')
                    return 'end'
                g = gen(3)
                print(next(g), next(g), g.send('a'))
                try:
                    next(g)
                except StopIteration as e:
                    print('stop', e.args)
                @micropython.native
                def gen2():
                    try:
                        yield 1
                    except ValueError:
                        yield 3
                    finally:
                        print('finally')
                g = gen2()
                next(g)
                print('caught', g.throw(ValueError))
                g.close()
                """));
    }

    @Test
    void builtInsCalledByNameFollowTheNameWhenItIsRebound() {
        assertEquals("""
                (3, 97, 'a', 5, True, [0, 1], 0, 1, True)
                (42, 97, 'a', 5, True, [0, 1], 0, 1, True)
                (3, 'mine', 'a', 5, True, [0, 1], 0, 1, True)
                TypeError ord() expected a character, but string of length 2 found
                """, PythonRun.output("""
                class A:
                    pass
                @micropython.native
                def f(s):
                    a = A()
                    setattr(a, 'x', 1)
                    return (len(s), ord(s[0]), chr(97), abs(-5), isinstance(s, str), list(range(2)),
                            getattr(a, 'y', 0), getattr(a, 'x'), hasattr(a, 'x'))
                print(f('abc'))
                len = lambda x: 42
                print(f('abc'))
                del len
                import builtins
                real_ord = builtins.ord
                builtins.ord = lambda c: 'mine'
                print(f('abc'))
                builtins.ord = real_ord
                @micropython.native
                def g():
                    return ord('ab')
                try:
                    g()
                except TypeError as e:
                    print('TypeError', e)
                """));
    }

    @Test
    void chainsOfYieldFromPassValuesResultsAndErrorsThroughEveryGenerator() {
        assertEquals("""
                mid got done
                caught boom
                outer got mid-done
                0 1 1 plain
                executing: generator already executing
                Traceback (most recent call last):
                  File "<test>", line 40, in <module>
                  File "<test>", line 39, in top
                  File "<test>", line 36, in fails
                TypeError: late
                """, PythonRun.output("""
                @micropython.native
                def inner(n):
                    for i in range(n):
                        yield i
                    return 'done'
                @micropython.native
                def bad():
                    yield 1
                    raise ValueError('boom')
                @micropython.native
                def mid(n):
                    r = yield from inner(n)
                    print('mid got', r)
                    try:
                        yield from bad()
                    except ValueError as e:
                        print('caught', e)
                    yield 'plain'
                    return 'mid-done'
                @micropython.native
                def outer():
                    r = yield from mid(2)
                    print('outer got', r)
                print(*outer())
                @micropython.native
                def reenters():
                    yield from (lambda: (yield g.send(None)))()
                g = reenters()
                try:
                    next(g)
                except ValueError as e:
                    print('executing:', e)
                @micropython.native
                def fails():
                    yield 1
                    raise TypeError('late')
                @micropython.native
                def top():
                    yield from fails()
                for v in top():
                    pass
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

    @Test
    void withBlocksCallExitAndMaySwallow() {
        assertEquals("""
                enter
                exit ValueError
                after
                enter
                exit None
                done 42
                """, PythonRun.output("""
                class CM:
                    def __init__(self, swallow):
                        self.swallow = swallow
                    def __enter__(self):
                        print('enter')
                        return 42
                    def __exit__(self, t, v, tb):
                        print('exit', t.__name__ if t else None)
                        return self.swallow
                @micropython.native
                def f():
                    with CM(True):
                        raise ValueError
                    print('after')
                    with CM(False) as x:
                        y = x
                    print('done', y)
                f()
                """));
    }

    @Test
    void bareRaiseInAHandlerRaisesTheExceptionBeingHandled() {
        assertEquals("inner\nouter KeyError(1,)\n", PythonRun.output("""
                @micropython.native
                def g():
                    try:
                        try:
                            raise KeyError(1)
                        except KeyError:
                            print('inner')
                            raise
                    except KeyError as e:
                        print('outer', repr(e))
                g()
                """));
    }

    @Test
    void hotFunctionsCompiledByTieringKeepTheirResults() {
        assertEquals("1140 [0, 1, 4] 10 caught\n", PythonRun.output("""
                def work(n):
                    s = 0
                    for i in range(n):
                        s += i
                    return s
                def squares():
                    return [i * i for i in range(3)]
                def risky(k):
                    try:
                        return 10 // k
                    except ZeroDivisionError:
                        return 'caught'
                total = 0
                for j in range(20):
                    total += work(j)
                    sq = squares()
                    r = risky(1)
                print(total, sq, r, risky(0))
                """, 3));
    }

    @Test
    void theHeapTracerSeesTheLocalsOfCompiledCode() {
        // filling the heap must end in MemoryError after as many lists as for bytecode
        String program = """
                def fill():
                    chain = []
                    n = 0
                    while True:
                        try:
                            chain = [chain]
                            n += 1
                        except MemoryError:
                            break
                    while chain:
                        chain[0], chain = None, chain[0]
                    return n
                print(fill() > 100)
                """;
        java.util.function.UnaryOperator<dev.mica.interp.InterpreterConfig> smallHeap = c -> c.withHeapSize(64 * 1024);
        assertEquals("True\n", PythonRun.output(program, smallHeap));
        String counted = program.replace("print(fill() > 100)", "print(fill())");
        assertEquals(PythonRun.output(counted, smallHeap),
                PythonRun.output(counted.replace("def fill", "@micropython.native\ndef fill"), smallHeap));
    }

    @Test
    void bareRaiseReraisesTheHandlerItIsIn() {
        // after a nested bare except ends, a bare raise is about the outer handler's exception again
        String program = """
                def nested():
                    try:
                        raise KeyError('outer')
                    except:
                        try:
                            raise IndexError
                        except:
                            pass
                        raise
                try:
                    nested()
                except Exception as e:
                    print(repr(e))
                """;
        assertEquals("KeyError('outer',)\n", PythonRun.output(program));
        assertEquals("KeyError('outer',)\n", PythonRun.output(program, 1));
        assertEquals("KeyError('outer',)\n", PythonRun.output(program.replace("def nested", "@micropython.native\ndef nested")));
    }
}
