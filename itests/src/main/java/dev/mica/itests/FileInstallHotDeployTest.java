package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/** A bundle dropped into the watched folder is installed and started; removing it uninstalls it. */
@ExtendWith(BundleContextExtension.class)
class FileInstallHotDeployTest {
    private static final String SYMBOLIC_NAME = "dev.mica.itests.dropin";

    @InjectBundleContext
    BundleContext context;

    private Path dropped;

    @Test
    void aDroppedBundleIsStartedAndARemovedOneUninstalled() throws Exception {
        Path watched = Path.of(context.getProperty("felix.fileinstall.dir"));
        Files.createDirectories(watched);
        // written beside the watched folder, then moved in whole: FileInstall never sees half a jar
        Path staging = Files.createTempDirectory(watched.getParent(), "staging");
        Path jar = writeBundle(staging.resolve(SYMBOLIC_NAME + ".jar"));
        dropped = Files.move(jar, watched.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging);

        Await.until(() -> installed().filter(b -> b.getState() == Bundle.ACTIVE).isPresent(),
                () -> "bundle " + SYMBOLIC_NAME + " in state " + installed().map(Bundle::getState).orElse(null));
        assertEquals("1.0.0", installed().orElseThrow().getVersion().toString());

        Files.delete(dropped);
        dropped = null;
        Await.until(() -> installed().isEmpty(), () -> SYMBOLIC_NAME + " is still installed");
    }

    @AfterEach
    void removeTheDroppedJar() throws IOException {
        if (dropped != null) {
            Files.deleteIfExists(dropped);
        }
    }

    private Optional<Bundle> installed() {
        return Arrays.stream(context.getBundles())
                .filter(b -> SYMBOLIC_NAME.equals(b.getSymbolicName()))
                .findFirst();
    }

    private static Path writeBundle(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Name", "A bundle dropped into the watched folder");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            // a manifest alone is a valid bundle
        }
        return file;
    }
}
