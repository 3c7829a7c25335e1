package dev.mica.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mica.interp.Interpreter;
import dev.mica.interp.RunResult;

class ReplCompleterTest {
    /** An interpreter that knows a few names, for completion only. */
    private static final class Names implements Interpreter {
        private final Map<List<String>, List<String>> names = Map.of(
                List.of(), List.of("xs", "x1", "_hidden", "value"),
                List.of("value"), List.of("isdigit", "isalpha", "lower", "__class__"));

        @Override
        public List<String> completionNames(List<String> chain) {
            return names.get(chain);
        }

        @Override
        public List<String> builtinModuleNames() {
            return List.of("sys", "struct", "micropython");
        }

        public RunResult runFile(java.nio.file.Path script) {
            throw new UnsupportedOperationException();
        }

        public RunResult runSource(String source, String sourceFile) {
            throw new UnsupportedOperationException();
        }

        public RunResult runModule(String moduleName) {
            throw new UnsupportedOperationException();
        }

        public RunResult runInteractive(String source) {
            throw new UnsupportedOperationException();
        }

        public boolean isCompleteInput(String source) {
            return true;
        }

        public void interrupt() {}

        public void close() {}
    }

    private final ReplCompleter completer = new ReplCompleter(new Names());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void oneMatchIsCompleted() throws IOException {
        assertEquals("git", completer.complete("1, value.isdi", out));
        assertEquals("ue", completer.complete("val", out));
        assertEquals("er", completer.complete("value.low", out));
    }

    @Test
    void severalMatchesCompleteTheirCommonPrefixThenAreListed() throws IOException {
        assertNull(completer.complete("value.is", out));
        assertEquals("\nisalpha         isdigit\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertNull(completer.complete("x", out));
        assertEquals("\nx1              xs\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownNamesAndHiddenNamesGiveNothing() throws IOException {
        assertEquals("", completer.complete("nothing.", out));
        assertEquals("", completer.complete("zz", out));
        assertNull(completer.complete("", out));
        assertEquals("\nvalue           x1              xs\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importIsCompletedAndModulesAfterIt() throws IOException {
        assertEquals("rt ", completer.complete("impo", out));
        assertEquals("s", completer.complete("import sy", out));
        assertEquals("ropython", completer.complete("import mic", out));
    }

    @Test
    void columnsAreSixteenWideOnLinesOfSixtyFour() {
        assertEquals("\naaaa            bbbb            cccc            dddd\neeee\n",
                ReplCompleter.columns(List.of("aaaa", "bbbb", "cccc", "dddd", "eeee")));
    }
}
