package dev.mica.chip.ssd1306;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * Runs a program as bin/mica does with {@code -X board=}: here an {@link InspectedBoards}
 * board, and this bundle's frozen driver as the build compiled it (the class folder has no
 * manifest naming it before the jar is made). The board is closed with the interpreter, but
 * its chips keep what they were sent.
 */
final class SimBoardRun {
    private static final String BOARD_PROPERTY = "mica.board";

    private SimBoardRun() {
    }

    /** stdout, then stderr, of the program; {@code board} as {@code key=value;key=value}. */
    static String run(String board, String program) {
        System.setProperty(BOARD_PROPERTY, "inspected:" + board);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter interpreter = new MicaInterpreterFactory().withFrozenFolder(Path.of("target/classes/mica-frozen"))
                .create(InterpreterConfig.standard().withStreams(new ByteArrayInputStream(new byte[0]), out, out))) {
            interpreter.runSource(program, "<test>");
        } finally {
            System.clearProperty(BOARD_PROPERTY);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
