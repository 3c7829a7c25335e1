package dev.mica.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code .mpy} loader and the VM behind it with Jazzer: malformed, truncated or
 * hostile files end in {@code ValueError} (or, when they load, in the program's own result),
 * never in a Java exception, a hang or an unbounded allocation. The seeds are in
 * {@code MpyLoaderFuzzTestInputs/loadAndRun} (programs compiled by {@code bin/mica-cross},
 * and every input that once found a bug).
 *
 * <p>Only the {@code fuzz} profile of this module runs it, with {@code JAZZER_FUZZ=1} (bin/mica-test
 * does); the plain unit tests replay the seeds without Jazzer in {@link MpyLoaderCorpusTest}.
 * The number of inputs it checked goes to {@code target/fuzz-reports/mpy-loader-inputs.txt},
 * where bin/mica-test looks to see that it fuzzed (without Jazzer's fuzzing mode it only
 * replays the seeds).
 */
class MpyLoaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadAndRun(byte[] data) {
        MpyFuzzTarget.loadAndRun(data);
    }

    @AfterAll
    static void reportInputs() throws IOException {
        Path reports = Path.of("target", "fuzz-reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("mpy-loader-inputs.txt"), MpyFuzzTarget.inputsChecked() + "\n");
    }
}
