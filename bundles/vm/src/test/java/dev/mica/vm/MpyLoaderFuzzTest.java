package dev.mica.vm;

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
 */
class MpyLoaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void loadAndRun(byte[] data) {
        MpyFuzzTarget.loadAndRun(data);
    }
}
