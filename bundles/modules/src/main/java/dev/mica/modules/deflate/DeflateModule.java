package dev.mica.modules.deflate;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;

/** The {@code deflate} module: DeflateIO and its format constants. */
@Component(service = ModuleProvider.class)
public final class DeflateModule implements ModuleProvider {
    @Override
    public String name() {
        return "deflate";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("deflate");
        m.setAttr("DeflateIO", DeflateIO.TYPE);
        m.setAttr("AUTO", PyInt.of(DeflateIO.AUTO));
        m.setAttr("RAW", PyInt.of(DeflateIO.RAW));
        m.setAttr("ZLIB", PyInt.of(DeflateIO.ZLIB));
        m.setAttr("GZIP", PyInt.of(DeflateIO.GZIP));
        return m.seal();
    }
}
