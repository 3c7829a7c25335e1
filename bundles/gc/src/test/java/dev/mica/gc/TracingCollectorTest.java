package dev.mica.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.mica.code.Compiler;
import dev.mica.heap.GarbageCollector;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/** Whole interpreters with the tracing collector bound: their heap size becomes a limit. */
class TracingCollectorTest {
    private static final Compiler COMPILER = ServiceLoader.load(Compiler.class).findFirst().orElseThrow();

    private static String run(GarbageCollector collector, long heapSize, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, out)
                .withHeapSize(heapSize);
        Interpreter interpreter = new MicaInterpreterFactory(COMPILER, collector).create(config);
        interpreter.runSource(source, "<test>");
        interpreter.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String HOARD = "hoard = []\n"
            + "try:\n"
            + "    while True:\n"
            + "        hoard.append('x' * 100 + str(len(hoard)))\n"
            + "except MemoryError as e:\n"
            + "    n = len(hoard)\n"
            + "    hoard = None\n"
            + "    print(e)\n"
            + "    print(n)\n";

    @Test
    void aProgramHoldingMoreThanItsHeapGetsMemoryErrorAndCarriesOn() {
        String out = run(new TracingCollector(), 256 * 1024, HOARD + "import gc\ngc.collect()\nprint(gc.mem_alloc() < 16 * 1024)\n");
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("memory allocation failed, allocating "), out);
        int n = Integer.parseInt(lines[1]);
        // each string takes 32 + 128 bytes and a list slot: about 1500 fit in 256 KB
        assertTrue(n > 1000 && n < 1700, out);
        assertEquals("True", lines[2], out);
    }

    @Test
    void garbageOfManyHeapsIsTracedAway() {
        String out = run(new TracingCollector(), 64 * 1024,
                "t = 0\nfor i in range(20000):\n    l = [i, i + 1, str(i)]\n    t += l[1]\nprint(t)\n"
                        + "import micropython\nprint(micropython.mem_total() > 10 * 64 * 1024)\n");
        assertEquals("200010000\nTrue\n", out);
    }

    @Test
    void liveDataNestedDeeplyIsTracedWithoutRecursion() {
        String out = run(new TracingCollector(), 1024 * 1024,
                "def f():\n    l = []\n    n = 0\n    try:\n        while True:\n            l = [l]\n            n += 1\n"
                        + "    except MemoryError:\n        pass\n    return n\nprint(f() > 10000)\n");
        assertEquals("True\n", out);
    }

    @Test
    void withoutACollectorTheSameProgramIsOnlyBoundedByItsLargestRequest() {
        String out = run(null, 64 * 1024,
                "l = []\nfor i in range(3000):\n    l.append(str(i) * 10)\nprint(len(l))\nimport gc\nprint(gc.mem_free())\n");
        assertEquals("3000\n0\n", out);
    }

    @Test
    void theGcModuleReportsTheAccount() {
        String out = run(new TracingCollector(), 2 * 1024 * 1024,
                "import gc\ngc.collect()\na = gc.mem_alloc()\nx = [0] * 1000\nprint(gc.mem_alloc() - a >= 8000)\n"
                        + "x = None\ngc.collect()\nprint(gc.mem_alloc() - a < 1000)\n"
                        + "print(gc.mem_alloc() + gc.mem_free())\n"
                        + "gc.threshold(1000)\nprint(gc.threshold())\ngc.disable()\nprint(gc.isenabled())\n");
        assertEquals("True\nTrue\n2072832\n992\nFalse\n", out);
    }

    @Test
    void complexNumbersTakeAHeapBlockEachAsFloatsDo() {
        String out = run(new TracingCollector(), 2 * 1024 * 1024,
                "import gc\nx = [None] * 100\ngc.collect()\ngc.disable()\na = gc.mem_alloc()\n"
                        + "for i in range(100):\n    x[i] = complex(i, 1)\nprint(gc.mem_alloc() - a)\n"
                        + "a = gc.mem_alloc()\nfor i in range(100):\n    x[i] = i + 0.5\nprint(gc.mem_alloc() - a)\n");
        assertEquals("3200\n3200\n", out);
    }
}
