package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlatformModuleTest {
    @Test
    void namesMicroPythonsVersionAndTheJavaRuntime() {
        PythonRun run = PythonRun.of("""
                import platform
                p = platform.platform()
                print(p.split("-")[1], p.endswith("-with-Java" + platform.python_compiler()[5:]))
                print(platform.python_compiler().startswith("Java "), platform.libc_ver())
                print(platform.platform(1, terse=True) == p)
                """);
        assertEquals("1.24.1 True\nTrue ('', '')\nTrue\n", run.out, run.err);
    }
}
