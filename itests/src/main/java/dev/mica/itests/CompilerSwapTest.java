package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The compiler row of the swap table, under a running app: new compilations use the compiler
 * there is now; with none, {@code exec}, {@code compile} and importing a {@code .py} raise a clear
 * Python error while {@code .mpy} modules still import; the app is never restarted.
 */
class CompilerSwapTest {
    /** Tries every kind of compilation, and an import of precompiled code. */
    static final String STATE = """
            import sys

            def attempt(what, action):
                try:
                    return what + ' ' + action()
                except Exception as e:
                    return what + ' ' + type(e).__name__ + ': ' + str(e)

            def exec_source():
                scope = {}
                exec('v = 6 * 7', scope)
                return 'ok' if scope['v'] == 42 else 'wrong'

            def compile_source():
                return 'ok' if eval(compile('2 + 3', '<probe>', 'eval')) == 5 else 'wrong'

            def import_anew(name):
                def load():
                    if name in sys.modules:
                        del sys.modules[name]
                    return __import__(name).answer()
                return load

            def state():
                return ', '.join([attempt('exec', exec_source), attempt('compile', compile_source),
                                  attempt('py', import_anew('fresh')), attempt('mpy', import_anew('precompiled'))])
            """;
    static final String ALL_WORK = "exec ok, compile ok, py ok, mpy ok";
    static final String WITHOUT_COMPILER = "exec RuntimeError: no compiler available, "
            + "compile RuntimeError: no compiler available, "
            + "py ImportError: script compilation not supported, mpy ok";

    @TempDir
    Path storage;

    private GatewayFixture gateway;
    private ProbeApp probe;

    @BeforeEach
    void startTheProbe() throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        gateway = new GatewayFixture(storage);
        probe = new ProbeApp(gateway, "probe", STATE);
        Files.writeString(probe.folder().resolve("fresh.py"), "def answer():\n    return 'ok'\n");
        try (InputStream mpy = CompilerSwapTest.class.getResourceAsStream("precompiled.mpy")) {
            Files.write(probe.folder().resolve("precompiled.mpy"), mpy.readAllBytes());
        }
        gateway.useStorage();
        gateway.log.awaitApp("probe", "probe up");
        assertEquals(ALL_WORK, probe.ask());
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        gateway.close();
    }

    @Test
    void withTheCompilerStoppedOnlyPrecompiledCodeRunsAndItsReturnNeedsNoRestart() throws Exception {
        Bundle compiler = Bundles.bundle(Bundles.COMPILER);
        compiler.stop();
        try {
            // the compiler's service is unbound as the bundle stops: at once, no waiting
            assertEquals(WITHOUT_COMPILER, probe.ask());
        } finally {
            compiler.start();
        }
        probe.awaitState(ALL_WORK);
        assertEquals(1, probe.starts(), probe.log());
    }

    @Test
    void anUpdatedCompilerCompilesForTheRunningAppAndTheOldOneIsReleased() throws Exception {
        Bundle compiler = Bundles.bundle(Bundles.COMPILER);
        WeakReference<Class<?>> oldCompiler = new WeakReference<>(compiler.loadClass("dev.mica.compiler.BytecodeCompiler"));
        Bundles.updateAndRefresh(compiler);
        assertNotSame(oldCompiler.get(), compiler.loadClass("dev.mica.compiler.BytecodeCompiler"));
        probe.awaitState(ALL_WORK);
        // the running app compiled with the new revision and holds nothing of the old one
        Leaks.assertCollected(oldCompiler, "the compiler's old revision, while the app runs");

        Bundle reinstalled = Bundles.uninstallAndReinstall(compiler);
        assertEquals(Bundle.ACTIVE, reinstalled.getState());
        probe.awaitState(ALL_WORK);
        assertEquals(1, probe.starts(), probe.log());
    }
}
