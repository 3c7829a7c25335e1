package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-interpreter limits an operator sets: how deep calls nest, which runtime modules may be imported. */
class InterpreterLimitsTest {
    @TempDir
    Path storage;

    @Test
    void recursionStopsAtTheConfiguredDepth() {
        PythonRun run = PythonRun.configured(c -> c.withRecursionLimit(50), """
                depth = 0
                def down():
                    global depth
                    depth += 1
                    down()
                try:
                    down()
                except RuntimeError as e:
                    print(e, depth)
                """);
        assertEquals("maximum recursion depth exceeded 49\n", run.out, run.err);
    }

    @Test
    void onlyAllowedRuntimeModulesCanBeImported() {
        PythonRun run = PythonRun.configured(c -> c.withAllowedModules(Set.of("json")), """
                import json
                print(json.dumps([1]))
                for name in ("socket", "sys", "usys", "os", "uos"):
                    try:
                        __import__(name)
                        print(name, "imported")
                    except ImportError as e:
                        print(e)
                import builtins
                print(builtins.len("ok"))
                """);
        assertEquals("""
                [1]
                no module named 'socket'
                no module named 'sys'
                no module named 'usys'
                no module named 'os'
                no module named 'uos'
                2
                """, run.out, run.err);
    }

    @Test
    void theProgramsOwnModulesAreNotRestricted() throws Exception {
        Files.writeString(storage.resolve("helper.py"), "VALUE = 42\n");
        PythonRun run = PythonRun.configured(c -> c.withStorageRoot(storage).withPath(List.of(storage.toString()))
                .withAllowedModules(Set.of()), """
                import helper
                print(helper.VALUE)
                """);
        assertEquals("42\n", run.out, run.err);
    }

    @Test
    void frozenModulesObeyTheListAndImportWhatTheyNeed() {
        PythonRun allowed = PythonRun.configured(c -> c.withAllowedModules(Set.of("asyncio")), """
                import asyncio
                async def main():
                    await asyncio.sleep_ms(1)
                    return "ran"
                print(asyncio.run(main()))
                try:
                    import time
                except ImportError as e:
                    print(e)
                """);
        assertEquals("ran\nno module named 'time'\n", allowed.out, allowed.err);
        PythonRun barred = PythonRun.configured(c -> c.withAllowedModules(Set.of("json")), """
                try:
                    import asyncio
                except ImportError as e:
                    print(e)
                """);
        assertEquals("no module named 'asyncio'\n", barred.out, barred.err);
    }
}
