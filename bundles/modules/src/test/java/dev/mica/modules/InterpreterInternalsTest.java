package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;
import dev.mica.vm.MicaInterpreterFactory;

/** sys.exc_info, sys.atexit, sys.print_exception, recursion limits and the REPL's entry points. */
class InterpreterInternalsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Interpreter interpreter = new MicaInterpreterFactory().create(InterpreterConfig.standard()
            .withStreams(new ByteArrayInputStream(new byte[0]), out, out));

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void excInfoIsTheHandledExceptionOnlyInsideTheExceptBlock() {
        PythonRun run = PythonRun.of("import sys\n"
                + "try:\n    raise KeyError(5)\nexcept:\n    print(sys.exc_info()[:2])\n"
                + "print(sys.exc_info())\n");
        assertEquals("(<class 'KeyError'>, KeyError(5,))\n(None, None, None)\n", run.out);
    }

    @Test
    void atexitRunsTheLastRegisteredFunctionWhenAsked() {
        RunResult r = interpreter.runSource("import sys\nv = 1\nprint(sys.atexit(lambda: print('first')))\n"
                + "def bye():\n    print('bye', v)\nsys.atexit(bye)\nv = 2\n", "<test>");
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertEquals("None\n", output());
        interpreter.runAtExit();
        assertEquals("None\nbye 2\n", output());
    }

    @Test
    void atexitWithoutARegistrationDoesNothing() {
        assertEquals(RunResult.Status.COMPLETED, interpreter.runAtExit().status());
        assertEquals("", output());
    }

    @Test
    void printExceptionWritesToAStreamAndRefusesANonStream() {
        PythonRun run = PythonRun.of("import sys, io\n"
                + "s = io.StringIO()\nsys.print_exception(ValueError('v'), s)\nprint(repr(s.getvalue()))\n"
                + "try:\n    sys.print_exception(Exception, 1)\nexcept OSError as e:\n    print(e)\n"
                + "sys.print_exception(Exception)\n");
        assertEquals("'ValueError: v\\n'\nstream operation not supported\n<class 'Exception'>\n", run.out);
    }

    @Test
    void deepChainsOfBuiltInIteratorsRaiseRuntimeError() {
        PythonRun run = PythonRun.of("for make in (enumerate, zip, lambda x: filter(None, x), lambda x: map(max, x, ())):\n"
                + "    x = (1, 2)\n    for i in range(3000):\n        x = make(x)\n"
                + "    try:\n        tuple(x)\n    except RuntimeError as e:\n        print(e)\n"
                + "x = (1, 2)\nfor i in range(100):\n    x = enumerate(x)\nprint(len(tuple(x)))\n");
        assertEquals("maximum recursion depth exceeded\n".repeat(4) + "2\n", run.out);
    }

    @Test
    void reprOfASelfContainingListRaisesRuntimeError() {
        PythonRun run = PythonRun.of("l = [1, None]\nl[1] = [l]\nl[1][0] = l\n"
                + "import io\ntry:\n    print(l, file=io.StringIO())\nexcept RuntimeError:\n    print('caught')\n");
        assertEquals("caught\n", run.out);
    }

    @Test
    void completionNamesFollowAttributeChainsFromMain() {
        interpreter.runInteractive("x = '123'");
        interpreter.runInteractive("import sys");
        List<String> main = interpreter.completionNames(List.of());
        assertTrue(main.contains("x") && main.contains("sys"), main.toString());
        assertTrue(interpreter.completionNames(List.of("x")).contains("isdigit"));
        assertTrue(interpreter.completionNames(List.of("sys")).contains("exc_info"));
        assertNull(interpreter.completionNames(List.of("nothing")));
        assertNull(interpreter.completionNames(List.of("x", "nothing")));
        assertTrue(interpreter.builtinModuleNames().contains("micropython"));
    }

    @Test
    void replInputContinuesAsMicroPythonDecides() {
        assertFalse(interpreter.isCompleteInput("if 1:"));
        assertTrue(interpreter.isCompleteInput("if 1:\n    x = 1\n"));
        assertFalse(interpreter.isCompleteInput("print("));
        assertTrue(interpreter.isCompleteInput("'('"));
        assertTrue(interpreter.isCompleteInput("'\\'('"));
        assertFalse(interpreter.isCompleteInput("'''abc"));
        assertFalse(interpreter.isCompleteInput("1 \\"));
        assertTrue(interpreter.isCompleteInput("if1 = 1"));
        // comments are not understood, as in MicroPython
        assertFalse(interpreter.isCompleteInput("# ("));
    }

    @Test
    void commentLinesDoNothingAndPastedBlocksRunAsAFile() {
        assertEquals(RunResult.Status.COMPLETED, interpreter.runInteractive("# just a comment").status());
        RunResult r = interpreter.runPasted("def f():\n    return 7\n\nprint(f())\nf()\n");
        assertEquals(RunResult.Status.COMPLETED, r.status());
        // a file does not print the values of expression statements
        assertEquals("7\n", output());
    }
}
