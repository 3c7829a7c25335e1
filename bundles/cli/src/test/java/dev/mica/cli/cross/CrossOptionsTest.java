package dev.mica.cli.cross;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CrossOptionsTest {
    private static CrossOptions parse(String... args) throws Exception {
        return CrossOptions.parse(args);
    }

    @Test
    void fileAloneTakesTheDefaults() throws Exception {
        CrossOptions o = parse("prog.py");
        assertEquals(CrossOptions.Action.COMPILE, o.action());
        assertEquals("prog.py", o.inputFile());
        assertNull(o.outputFile());
        assertNull(o.sourceName());
        assertNull(o.arch());
        assertEquals(0, o.optimizationLevel());
        assertEquals(31, o.smallIntBits());
        assertEquals("bytecode", o.emitter());
    }

    @Test
    void outputSourceNameAndVerbosity() throws Exception {
        CrossOptions o = parse("-v", "-o", "out.mpy", "-v", "-s", "lib\\mod.py", "mod.py");
        assertEquals("out.mpy", o.outputFile());
        assertEquals("lib/mod.py", o.sourceName());
        assertEquals(2, o.verbose());
    }

    @Test
    void optimisationLevelIsADigitOrTheCountOfOs() throws Exception {
        assertEquals(2, parse("-O2", "a.py").optimizationLevel());
        assertEquals(9, parse("-O9", "a.py").optimizationLevel());
        assertEquals(1, parse("-O", "a.py").optimizationLevel());
        assertEquals(3, parse("-OOO", "a.py").optimizationLevel());
        assertEquals(2, parse("-OOx", "a.py").optimizationLevel());
    }

    @Test
    void smallIntBitsReadsLikeStrtol() throws Exception {
        assertEquals(31, parse("-msmall-int-bits=31", "a.py").smallIntBits());
        assertEquals(31, parse("-msmall-int-bits=0x1f", "a.py").smallIntBits());
        assertEquals(31, parse("-msmall-int-bits=037", "a.py").smallIntBits());
        assertEquals(0, parse("-msmall-int-bits=", "a.py").smallIntBits());
        assertThrows(CrossOptions.UsageError.class, () -> parse("-msmall-int-bits=31x", "a.py"));
        assertThrows(CrossOptions.UsageError.class, () -> parse("-msmall-int-bits=abc", "a.py"));
    }

    @Test
    void architecturesAreTheKnownOnes() throws Exception {
        assertEquals("armv7emsp", parse("-march=armv7emsp", "a.py").arch());
        assertEquals("host", parse("-march=host", "a.py").arch());
        assertThrows(CrossOptions.UsageError.class, () -> parse("-march=z80", "a.py"));
    }

    @Test
    void implementationOptions() throws Exception {
        assertEquals("viper", parse("-X", "emit=viper", "a.py").emitter());
        assertEquals("bytecode", parse("-X", "heapsize=16k", "a.py").emitter());
        assertThrows(CrossOptions.UsageError.class, () -> parse("-X", "emit=thumb", "a.py"));
        assertThrows(CrossOptions.UsageError.class, () -> parse("a.py", "-X"));
        // -X is checked before anything else, as mpy-cross does
        assertThrows(CrossOptions.UsageError.class, () -> parse("--version", "-X", "bogus"));
    }

    @Test
    void versionStopsParsing() throws Exception {
        assertEquals(CrossOptions.Action.VERSION, parse("--version", "-bogus").action());
    }

    @Test
    void stdinAndDoubleDash() throws Exception {
        assertEquals("-", parse("-").inputFile());
        assertEquals("-odd.py", parse("--", "-odd.py").inputFile());
    }

    @Test
    void badArguments() {
        assertThrows(CrossOptions.UsageError.class, () -> parse("-h"));
        assertThrows(CrossOptions.UsageError.class, () -> parse("-q", "a.py"));
        assertThrows(CrossOptions.UsageError.class, () -> parse("a.py", "-o"));
        assertThrows(CrossOptions.UsageError.class, () -> parse("a.py", "-s"));
        CrossOptions.FatalError none = assertThrows(CrossOptions.FatalError.class, () -> parse("-v"));
        assertEquals("no input file", none.getMessage());
        CrossOptions.FatalError two = assertThrows(CrossOptions.FatalError.class, () -> parse("a.py", "b.py"));
        assertEquals("multiple input files", two.getMessage());
    }
}
