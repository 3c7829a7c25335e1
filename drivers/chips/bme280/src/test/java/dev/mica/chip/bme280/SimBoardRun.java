package dev.mica.chip.bme280;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * Runs a program as bin/mica does with {@code -X board=sim:FILE}: the simulated board of a
 * properties file, and this bundle's frozen driver as the build compiled it (the class folder
 * has no manifest naming it before the jar is made).
 */
final class SimBoardRun {
    private static final String BOARD_PROPERTY = "mica.board";

    private SimBoardRun() {
    }

    /** stdout, then stderr, of the program on a board described by {@code boardProperties}. */
    static String run(Path folder, String boardProperties, String program) throws IOException {
        Path file = Files.writeString(folder.resolve("board.properties"), boardProperties);
        System.setProperty(BOARD_PROPERTY, "sim:" + file);
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
