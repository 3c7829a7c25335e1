package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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
import org.osgi.test.junit5.context.BundleContextExtension;


/**
 * A bundle carrying frozen modules (a {@code Mica-Frozen} header naming a folder of {@code .mpy}
 * files) makes them importable while it is active, and takes them away when it stops or goes.
 */
@ExtendWith(BundleContextExtension.class)
class FrozenModulesBundleTest {
    private static final String SYMBOLIC_NAME = "dev.mica.itests.frozen";

    @InjectBundleContext
    BundleContext context;

    private Bundle installed;

    @Test
    void theModulesOfABundleAreImportableWhileItIsActive() throws Exception {
        Map<String, String> sources = new TreeMap<>(Map.of(
                "greet/__init__.py", "from .words import hello\n",
                "greet/words.py", "def hello(who):\n    return 'hello ' + who\n",
                "greet/later.py", "LATER = True\n",
                "standalone.py", "VALUE = 7\n"));
        installed = context.installBundle("frozen-test.jar", bundle("python/frozen", sources));
        installed.start();

        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("hello osgi greet/__init__.py .frozen/greet 7\n", py.run("""
                    import greet, standalone
                    print(greet.hello('osgi'), greet.__file__, greet.__path__, standalone.VALUE)
                    """));

            installed.stop();
            // what was imported stays; what was not is gone with the bundle
            assertEquals("hello again\nImportError no module named 'greet.later'\n", py.run("""
                    import greet
                    print(greet.hello('again'))
                    try:
                        import greet.later
                    except ImportError as e:
                        print('ImportError', e)
                    """));

            installed.start();
            assertEquals("True\n", py.run("import greet.later\nprint(greet.later.LATER)\n"));
        }

        installed.uninstall();
        installed = null;
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("ImportError no module named 'greet'\n", py.run("""
                    try:
                        import greet
                    except ImportError as e:
                        print('ImportError', e)
                    """));
        }
    }

    @Test
    void asyncioIsAFrozenModuleOfTheModulesBundle() throws Exception {
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("asyncio.py 3\n", py.run("""
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

    /** A bundle whose frozen folder holds the sources compiled by the compiler service. */
    private static InputStream bundle(String folder, Map<String, String> sources) throws Exception {
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
                byte[] mpy = compileToMpy(source.getValue(), name);
                jar.putNextEntry(new JarEntry(folder + "/" + name.substring(0, name.length() - 3) + ".mpy"));
                jar.write(mpy);
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /**
     * The .mpy file of a source, made by the compiler service and its bundle's .mpy writer
     * (called by name: the tests do not import Mica's packages, see {@link Bundles}).
     */
    static byte[] compileToMpy(String source, String name) throws Exception {
        return Reflect.withService("dev.mica.code.Compiler", null, compiler -> {
            ClassLoader loader = compiler.getClass().getClassLoader();
            Class<?> inputKind = loader.loadClass("dev.mica.code.InputKind");
            Class<?> options = loader.loadClass("dev.mica.code.CompileOptions");
            Object file = inputKind.getField("FILE").get(null);
            Object defaults = options.getField("DEFAULT").get(null);
            Object module = Reflect.call(compiler, "compile", new Class<?>[] {String.class, String.class, inputKind,
                options}, source, name, file, defaults);
            Class<?> writer = loader.loadClass("dev.mica.compiler.mpy.MpyWriter");
            return (byte[]) writer.getMethod("write", loader.loadClass("dev.mica.code.CompiledModule"))
                    .invoke(null, module);
        });
    }
}
