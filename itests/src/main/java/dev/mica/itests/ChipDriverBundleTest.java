package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A chip driver shipped as a bundle of frozen Python ({@code dev.mica.chip.bme280}): installing
 * it makes {@code import bme280} work, updating it gives new imports the new module while
 * programs that imported the old one keep it, and uninstalling it takes the module away.
 */
class ChipDriverBundleTest {
    private static final String BUNDLE = "dev.mica.chip.bme280";

    @Test
    void installImportUpdateAndImportTheNewVersion() throws Exception {
        Bundle shipped = Bundles.bundle(BUNDLE);
        String location = shipped.getLocation();
        byte[] original = read(location);
        shipped.uninstall();
        Bundles.refresh(shipped);
        String probe = """
                try:
                    import bme280
                    print(bme280.__file__, bme280.__version__)
                except ImportError as e:
                    print('ImportError', e)
                """;
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("ImportError no module named 'bme280'\n", py.run(probe));
        }

        Bundle installed = Bundles.context().installBundle(location, new ByteArrayInputStream(original));
        try {
            installed.start();
            try (PythonInterpreter before = PythonInterpreter.create()) {
                assertEquals("bme280.py 1.0\n", before.run(probe));

                installed.update(new ByteArrayInputStream(newRevision("__version__ = '2.0'\n")));
                Bundles.refresh(installed);
                try (PythonInterpreter after = PythonInterpreter.create()) {
                    assertEquals("bme280.py 2.0\n", after.run(probe));
                }
                // the module an interpreter imported before the update stays what it was
                assertEquals("1.0\n", before.interact("print(bme280.__version__)"));
            }
        } finally {
            // the bundle as it was shipped, for the other tests
            installed.update(new ByteArrayInputStream(original));
            Bundles.refresh(installed);
        }
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("bme280.py 1.0\n", py.run(probe));
        }
    }

    /** The driver bundle with another bme280 module, as a later build of it would be. */
    private static byte[] newRevision(String source) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", BUNDLE);
        main.putValue("Bundle-Version", "0.1.1");
        main.putValue("Mica-Frozen", "mica-frozen");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("mica-frozen/bme280.mpy"));
            jar.write(FrozenModulesBundleTest.compileToMpy(source, "bme280.py"));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] read(String location) throws Exception {
        String target = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try (InputStream in = target.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? URI.create(target).toURL().openStream()
                : Files.newInputStream(Path.of(target))) {
            return in.readAllBytes();
        }
    }
}
