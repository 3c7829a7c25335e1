package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mica.cli.CommandLine.Action;
import dev.mica.cli.CommandLine.InvalidArguments;
import dev.mica.code.EmitMode;

class CommandLineTest {
    private static final long DEFAULT_HEAP = 2 * 1024 * 1024;

    private static CommandLine parse(String... args) throws InvalidArguments {
        return CommandLine.parse(args, DEFAULT_HEAP);
    }

    @Test
    void scriptTakesTheRestAsArgv() throws Exception {
        CommandLine c = parse("-X", "heapsize=64k", "prog.py", "-c", "x");
        assertEquals(Action.FILE, c.action());
        assertEquals("prog.py", c.target());
        assertEquals(List.of("prog.py", "-c", "x"), c.argv());
        assertEquals(64 * 1024, c.heapSize());
    }

    @Test
    void boardOptionNamesTheBoardForMachine() throws Exception {
        assertEquals("sim:board.properties", parse("-X", "board=sim:board.properties", "prog.py").board());
        assertEquals(null, parse("prog.py").board());
        assertThrows(InvalidArguments.class, () -> parse("-X", "board=", "prog.py"));
    }

    @Test
    void commandPutsDashCFirstInArgv() throws Exception {
        CommandLine c = parse("-c", "print(1)", "a", "b");
        assertEquals(Action.COMMAND, c.action());
        assertEquals("print(1)", c.target());
        assertEquals(List.of("-c", "a", "b"), c.argv());
    }

    @Test
    void moduleNameIsArgvZero() throws Exception {
        CommandLine c = parse("-m", "pkg.mod", "x");
        assertEquals(Action.MODULE, c.action());
        assertEquals(List.of("pkg.mod", "x"), c.argv());
    }

    @Test
    void nothingMeansStdinOrRepl() throws Exception {
        CommandLine c = parse("-i", "-v", "-v");
        assertEquals(Action.STDIN_OR_REPL, c.action());
        assertTrue(c.inspect());
        assertEquals(2, c.verbose());
        assertEquals(DEFAULT_HEAP, c.heapSize());
    }

    @Test
    void optimisationLevels() throws Exception {
        assertEquals(2, parse("-O2", "-c", "").optimizationLevel());
        assertEquals(3, parse("-OOO", "-c", "").optimizationLevel());
        assertEquals(1, parse("-O", "-c", "").optimizationLevel());
    }

    @Test
    void tierThresholdTurnsTieringOnOrOff() throws Exception {
        assertEquals(0, parse("-c", "").tierThreshold());
        assertEquals(500, parse("-X", "tier=500", "-c", "").tierThreshold());
        assertEquals(0, parse("-X", "tier=off", "-c", "").tierThreshold());
        assertEquals(0, CommandLine.parse(new String[] {"-X", "tier=0", "-c", ""}, DEFAULT_HEAP, 100).tierThreshold());
        assertEquals(100, CommandLine.parse(new String[] {"-c", ""}, DEFAULT_HEAP, 100).tierThreshold());
        assertThrows(InvalidArguments.class, () -> parse("-X", "tier=-1", "-c", ""));
        assertThrows(InvalidArguments.class, () -> parse("-X", "tier=many", "-c", ""));
    }

    @Test
    void emitters() throws Exception {
        assertEquals(EmitMode.NATIVE, parse("-X", "emit=native", "-c", "").emitMode());
        assertEquals(EmitMode.VIPER, parse("-X", "emit=viper", "-c", "").emitMode());
        assertThrows(InvalidArguments.class, () -> parse("-X", "emit=thumb", "-c", ""));
    }

    @Test
    void heapSizesAsTheUnixPort() throws Exception {
        assertEquals(1024 * 1024, CommandLine.parseHeapSize("1M"));
        assertEquals(0x10000, CommandLine.parseHeapSize("0x10000"));
        assertEquals(2 * 1024, CommandLine.parseHeapSize("1wk"));
        assertEquals(1000, CommandLine.parseHeapSize("1000"));
        assertThrows(InvalidArguments.class, () -> CommandLine.parseHeapSize("100"));
        assertThrows(InvalidArguments.class, () -> CommandLine.parseHeapSize("12q"));
        assertThrows(InvalidArguments.class, () -> CommandLine.parseHeapSize(""));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(InvalidArguments.class, () -> parse("-Q"));
        assertThrows(InvalidArguments.class, () -> parse("-c"));
        assertThrows(InvalidArguments.class, () -> parse("-m"));
        assertThrows(InvalidArguments.class, () -> parse("-X"));
    }

    @Test
    void helpAndVersion() throws Exception {
        assertEquals(Action.HELP, parse("-h", "bogus").action());
        assertEquals(Action.VERSION, parse("--version").action());
    }

    @Test
    void searchPathExpandsHome() {
        assertEquals(List.of("", "/lib", "/h/x"), Main.searchPath(java.util.Map.of("MICROPYPATH", "/lib:~/x", "HOME", "/h")));
        assertEquals(List.of("", "a"), Main.searchPath(java.util.Map.of("MICROPYPATH", ":a")));
        assertEquals("", Main.searchPath(java.util.Map.of()).get(0));
    }
}
