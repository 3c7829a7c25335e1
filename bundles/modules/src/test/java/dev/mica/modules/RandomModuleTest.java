package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RandomModuleTest {
    @Test
    void aSeedGivesMicroPythonsSequence() {
        // values measured on MicroPython v1.24.1's unix port
        PythonRun run = PythonRun.of("""
                import random
                random.seed(1)
                print([random.getrandbits(32) for i in range(3)], [random.getrandbits(7) for i in range(3)])
                random.seed(5)
                print([random.randrange(1000000) for i in range(3)])
                """);
        assertEquals("[2002244, 1862853106, 2677483614] [92, 31, 12]\n[950884, 98113, 225723]\n", run.out, run.err);
    }

    @Test
    void valuesStayInTheirRangesAndEmptyRangesAreRefused() {
        PythonRun run = PythonRun.of("""
                import random
                ok = True
                for i in range(200):
                    ok = ok and 0 <= random.random() < 1 and 3 <= random.randrange(3, 9, 2) <= 7
                    ok = ok and -2 <= random.randint(-2, 2) <= 2 and random.choice('xyz') in 'xyz'
                    ok = ok and 1 <= random.uniform(1, 2) <= 2 and random.getrandbits(3) < 8
                print(ok)
                for call in (lambda: random.getrandbits(33), lambda: random.randrange(0), lambda: random.randint(2, 1),
                             lambda: random.choice([])):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e.args)
                """);
        assertEquals("True\nValueError ('bits must be 32 or less',)\nValueError ()\nValueError ()\nIndexError ()\n",
                run.out, run.err);
    }
}
