package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Replays the fuzz test's seeds (valid programs and inputs that once found bugs) without Jazzer. */
class MpyLoaderCorpusTest {
    @TestFactory
    Stream<DynamicTest> seedsLoadOrFailCleanly() throws Exception {
        List<Path> seeds = seeds();
        assertFalse(seeds.isEmpty(), "no seeds found");
        return seeds.stream().map(seed -> DynamicTest.dynamicTest(seed.getFileName().toString(),
                () -> MpyFuzzTarget.loadAndRun(Files.readAllBytes(seed))));
    }

    private static List<Path> seeds() throws Exception {
        URL dir = MpyLoaderFuzzTest.class.getResource("MpyLoaderFuzzTestInputs/loadAndRun");
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
