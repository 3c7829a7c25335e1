package dev.mica.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Python programs of src/test/resources/programs that the differential tests run. */
final class TestPrograms {
    private static final Path FOLDER = Path.of("src/test/resources/programs");

    private TestPrograms() {}

    static List<Path> all() throws IOException {
        try (Stream<Path> list = Files.list(FOLDER)) {
            return list.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
    }
}
