package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import dev.mica.code.CompileOptions;
import dev.mica.code.Compiler;
import dev.mica.code.InputKind;
import dev.mica.compiler.mpy.MpyWriter;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;

/**
 * A bundle carrying frozen modules (a {@code Mica-Frozen} header naming a folder of {@code .mpy}
 * files) makes them importable while it is active, and takes them away when it stops or goes.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class FrozenModulesBundleTest {
    private static final String SYMBOLIC_NAME = "dev.mica.itests.frozen";

    @InjectBundleContext
    BundleContext context;

    private Bundle installed;

    @Test
    void theModulesOfABundleAreImportableWhileItIsActive(
            @InjectService(timeout = 10_000) InterpreterFactory factory,
            @InjectService(timeout = 10_000) Compiler compiler) throws Exception {
        Map<String, String> sources = new TreeMap<>(Map.of(
                "greet/__init__.py", "from .words import hello\n",
                "greet/words.py", "def hello(who):\n    return 'hello ' + who\n",
                "greet/later.py", "LATER = True\n",
                "standalone.py", "VALUE = 7\n"));
        installed = context.installBundle("frozen-test.jar", bundle(compiler, "python/frozen", sources));
        installed.start();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter py = interpreter(factory, out)) {
            assertEquals("hello osgi greet/__init__.py .frozen/greet 7\n", run(py, out, """
                    import greet, standalone
                    print(greet.hello('osgi'), greet.__file__, greet.__path__, standalone.VALUE)
                    """));

            installed.stop();
            // what was imported stays; what was not is gone with the bundle
            assertEquals("hello again\nImportError no module named 'greet.later'\n", run(py, out, """
                    import greet
                    print(greet.hello('again'))
                    try:
                        import greet.later
                    except ImportError as e:
                        print('ImportError', e)
                    """));

            installed.start();
            assertEquals("True\n", run(py, out, "import greet.later\nprint(greet.later.LATER)\n"));
        }

        installed.uninstall();
        installed = null;
        try (Interpreter py = interpreter(factory, out)) {
            assertEquals("ImportError no module named 'greet'\n", run(py, out, """
                    try:
                        import greet
                    except ImportError as e:
                        print('ImportError', e)
                    """));
        }
    }

    @Test
    void asyncioIsAFrozenModuleOfTheModulesBundle(@InjectService(timeout = 10_000) InterpreterFactory factory)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter py = interpreter(factory, out)) {
            assertEquals("asyncio.py 3\n", run(py, out, """
                    import asyncio
                    async def add(a, b):
                        await asyncio.sleep(0)
                        return a + b
                    print(asyncio.__file__, asyncio.run(add(1, 2)))
                    """));
        }
    }

    @AfterEach
    void uninstall() throws Exception {
        if (installed != null) {
            installed.uninstall();
        }
    }

    private static Interpreter interpreter(InterpreterFactory factory, ByteArrayOutputStream out) {
        return factory.create(InterpreterConfig.standard().withStreams(InputStream.nullInputStream(), out, out));
    }

    private static String run(Interpreter py, ByteArrayOutputStream out, String source) {
        out.reset();
        py.runSource(source, "<test>");
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A bundle whose frozen folder holds the sources compiled by the compiler service. */
    private static InputStream bundle(Compiler compiler, String folder, Map<String, String> sources) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Mica-Frozen", folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, String> source : sources.entrySet()) {
                String name = source.getKey();
                byte[] mpy = MpyWriter.write(compiler.compile(source.getValue(), name, InputKind.FILE,
                        CompileOptions.DEFAULT));
                jar.putNextEntry(new JarEntry(folder + "/" + name.substring(0, name.length() - 3) + ".mpy"));
                jar.write(mpy);
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
