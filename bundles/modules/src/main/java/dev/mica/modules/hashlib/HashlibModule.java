package dev.mica.modules.hashlib;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyModule;

/** The {@code hashlib} module: md5, sha1 and sha256 hash objects over the JDK's digests. */
@Component(service = ModuleProvider.class)
public final class HashlibModule implements ModuleProvider {
    @Override
    public String name() {
        return "hashlib";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("hashlib");
        m.setAttr("md5", HashObject.MD5);
        m.setAttr("sha1", HashObject.SHA1);
        m.setAttr("sha256", HashObject.SHA256);
        return m.seal();
    }
}
