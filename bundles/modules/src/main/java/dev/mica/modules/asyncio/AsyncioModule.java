package dev.mica.modules.asyncio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.PyModule;

/**
 * The {@code asyncio} module: MicroPython's asyncio API written in Python
 * ({@code asyncio.py} beside this class), compiled for each interpreter that imports it. It
 * builds on the {@code time}, {@code select} and {@code socket} modules of this bundle.
 */
@Component(service = ModuleProvider.class)
public final class AsyncioModule implements ModuleProvider {
    private static final String SOURCE = "asyncio.py";

    @Override
    public String name() {
        return "asyncio";
    }

    /** Found before the file system, as the reference's frozen asyncio package is. */
    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        return environment.loadModule("asyncio", SOURCE, source());
    }

    private static byte[] source() {
        try (InputStream in = AsyncioModule.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
