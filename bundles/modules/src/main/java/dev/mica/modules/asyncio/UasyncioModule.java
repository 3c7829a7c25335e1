package dev.mica.modules.asyncio;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.PyModule;

/** {@code uasyncio}: the old name of asyncio, giving the very same module. */
@Component(service = ModuleProvider.class)
public final class UasyncioModule implements ModuleProvider {
    @Override
    public String name() {
        return "uasyncio";
    }

    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        return (PyModule) environment.importModule("asyncio");
    }
}
