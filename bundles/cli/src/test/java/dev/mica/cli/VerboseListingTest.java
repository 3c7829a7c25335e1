package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -v -v} lists the bytecode of each compiled block; {@code -v} adds memory figures at exit. */
class VerboseListingTest {
    private static final String PROGRAM = """
            def outer(n, *, k=2):
                total = 0
                def add(v):
                    return total + v
                while n:
                    n -= 1
                return add(k)
            print(outer(3), "x" * 2)
            """;

    /** The listing with the addresses (which differ from run to run) replaced by {@code @}. */
    private static final String LISTING = """
            File prog.py, code block '<module>' (descriptor: @, bytecode @@ 32 bytes)
            Raw bytecode (code_info_size=5, bytecode_size=27):
             18 06 01 8b 07 53 2c 00 82 10 02 62 33 00 16 04
             11 06 11 04 83 34 01 10 03 82 f4 34 02 59 51 63
            arg names:
            (N_STATE 4)
            (N_EXC_STACK 0)
              bc=0 line=1
              bc=11 line=8
            00 LOAD_NULL
            01 BUILD_MAP 0
            03 LOAD_CONST_SMALL_INT 2
            04 LOAD_CONST_STRING 'k'
            06 STORE_MAP
            07 MAKE_FUNCTION_DEFARGS @
            09 STORE_NAME outer
            11 LOAD_NAME print
            13 LOAD_NAME outer
            15 LOAD_CONST_SMALL_INT 3
            16 CALL_FUNCTION n=1 nkw=0
            18 LOAD_CONST_STRING 'x'
            20 LOAD_CONST_SMALL_INT 2
            21 BINARY_OP 29 __mul__
            22 CALL_FUNCTION n=2 nkw=0
            24 POP_TOP
            25 LOAD_CONST_NONE
            26 RETURN_VALUE
            File prog.py, code block 'outer' (descriptor: @, bytecode @@ 37 bytes)
            Raw bytecode (code_info_size=15, bytecode_size=22):
             a9 88 80 80 40 11 04 07 02 20 23 45 22 27 03 80
             27 03 b3 20 00 01 c2 42 44 b0 81 e6 c0 b0 43 39
             b2 b1 34 01 63
            arg names: n k
            (N_STATE 6)
            (N_EXC_STACK 0)
            (INIT_CELL 3)
              bc=0 line=1
              bc=0 line=2
              bc=3 line=3
              bc=8 line=5
              bc=10 line=6
              bc=17 line=7
            00 LOAD_CONST_SMALL_INT 0
            01 STORE_DEREF 3
            03 LOAD_FAST 3
            04 MAKE_CLOSURE @ 1
            07 STORE_FAST 2
            08 JUMP 14
            10 LOAD_FAST 0
            11 LOAD_CONST_SMALL_INT 1
            12 BINARY_OP 15 __isub__
            13 STORE_FAST 0
            14 LOAD_FAST 0
            15 POP_JUMP_IF_TRUE 10
            17 LOAD_FAST 2
            18 LOAD_FAST 1
            19 CALL_FUNCTION n=1 nkw=0
            21 RETURN_VALUE
            File prog.py, code block 'add' (descriptor: @, bytecode @@ 11 bytes)
            Raw bytecode (code_info_size=6, bytecode_size=5):
             1a 08 05 08 09 60 25 00 b1 f2 63
            arg names: * v
            (N_STATE 4)
            (N_EXC_STACK 0)
              bc=0 line=1
              bc=0 line=4
            00 LOAD_DEREF 0
            02 LOAD_FAST 1
            03 BINARY_OP 27 __add__
            04 RETURN_VALUE
            2 xx
            """;

    @Test
    void twoVerboseFlagsListEveryBlockThenRunTheProgram(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("prog.py");
        Files.writeString(script, PROGRAM);
        String out = DifferentialTest.runMica(new String[] {"-v", "-v", script.toString()}, Map.of()).stdout()
                .replace(dir + "/", "");
        String[] parts = out.split("(?=mem: total=)", 2);
        assertEquals(LISTING, parts[0].replaceAll("(descriptor: )[0-9a-f]+(, bytecode @)[0-9a-f]+", "$1@$2@")
                .replaceAll("(MAKE_\\w+ )[0-9a-f]+", "$1@"));
        assertMemoryFigures(parts[1]);
    }

    @Test
    void oneVerboseFlagOnlyAddsTheMemoryFigures(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("prog.py");
        Files.writeString(script, PROGRAM);
        String out = DifferentialTest.runMica(new String[] {"-v", script.toString()}, Map.of()).stdout();
        assertTrue(out.startsWith("2 xx\nmem: total="), out);
        assertMemoryFigures(out.substring("2 xx\n".length()));
    }

    @Test
    void withoutVerboseNothingIsAdded() {
        assertEquals("2 xx\n", DifferentialTest.runMica(new String[] {"-c", PROGRAM}, Map.of()).stdout());
    }

    private static void assertMemoryFigures(String text) {
        assertTrue(text.matches("mem: total=\\d+, current=\\d+, peak=\\d+\n"
                + "stack: \\d+ out of \\d+\n"
                + "GC: total: \\d+, used: \\d+, free: \\d+\n"
                + " No\\. of 1-blocks: \\d+, 2-blocks: \\d+, max blk sz: \\d+, max free sz: \\d+\n"), text);
    }
}
