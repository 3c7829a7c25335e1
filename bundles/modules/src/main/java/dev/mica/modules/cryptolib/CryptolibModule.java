package dev.mica.modules.cryptolib;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyModule;

/** The {@code cryptolib} module: the aes cipher type (the unix port has no mode constants); extensible, as MicroPython's. */
@Component(service = ModuleProvider.class)
public final class CryptolibModule implements ModuleProvider {
    @Override
    public String name() {
        return "cryptolib";
    }

    @Override
    public boolean extensible() {
        return true;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("cryptolib");
        m.setAttr("aes", AesCipher.TYPE);
        return m.seal();
    }
}
