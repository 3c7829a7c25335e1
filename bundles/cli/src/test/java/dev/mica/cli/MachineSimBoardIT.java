package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/mica offering machine over the simulated board of a configuration file. */
class MachineSimBoardIT {
    private static final Path RESOURCES = Path.of("src/test/resources/machine").toAbsolutePath();

    @Test
    void programRunsAgainstTheBoardOfTheOption(@TempDir Path dir) throws Exception {
        BinMicaIT.Result r = BinMicaIT.mica(dir, "", "-X", "board=sim:" + RESOURCES.resolve("board.properties"),
                RESOURCES.resolve("sim_board.py").toString());
        assertEquals(new BinMicaIT.Result(0, Files.readString(RESOURCES.resolve("sim_board.py.exp")), ""), r);
    }

    @Test
    void withoutABoardMachineHasNoPins(@TempDir Path dir) throws Exception {
        BinMicaIT.Result r = BinMicaIT.mica(dir, "", "-c", "import machine\nprint(hasattr(machine, 'Pin'), hasattr(machine, 'Signal'))");
        assertEquals(new BinMicaIT.Result(0, "False True\n", ""), r);
    }

    @Test
    void unknownBoardKindFailsTheImport(@TempDir Path dir) throws Exception {
        BinMicaIT.Result r = BinMicaIT.mica(dir, "", "-X", "board=lab", "-c",
                "try:\n import machine\nexcept ValueError as e:\n print(e)");
        assertEquals(new BinMicaIT.Result(0, "machine: no driver for board 'lab'\n", ""), r);
    }
}
