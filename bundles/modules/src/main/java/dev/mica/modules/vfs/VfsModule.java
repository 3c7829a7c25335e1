package dev.mica.modules.vfs;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * The {@code vfs} module: mount and umount over the interpreter's {@link MountTable}, and the
 * file system classes.
 */
@Component(service = ModuleProvider.class)
public final class VfsModule implements ModuleProvider {
    @Override
    public String name() {
        return "vfs";
    }

    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        MountTable table = MountTable.of(environment);
        FixedModule m = new FixedModule("vfs");
        addTo(m, table);
        return m.seal();
    }

    /** Puts mount, umount and the file system classes into a module (vfs, and os which shares them). */
    public static void addTo(FixedModule m, MountTable table) {
        m.setAttr("mount", mountFunction(table));
        m.setAttr("umount", new PyBuiltinFunction("umount", 1, 1, false, (a, kw) -> {
            table.umount(a[0]);
            return PyNone.NONE;
        }));
        m.setAttr("VfsFat", table.fatType());
        m.setAttr("VfsLfs1", table.lfs1Type());
        m.setAttr("VfsLfs2", table.lfs2Type());
        m.setAttr("VfsPosix", table.posixType());
    }

    private static PyObject mountFunction(MountTable table) {
        return new PyBuiltinFunction("mount", 2, 4, true, (a, kw) -> {
            Py.checkKeywords(kw, "readonly", "mkfs");
            int n = Py.positional(a, kw);
            if (n != 2) {
                throw Py.typeError("function takes 2 positional arguments but " + n + " were given");
            }
            PyObject readonly = Py.keyword(a, kw, "readonly");
            PyObject mkfs = Py.keyword(a, kw, "mkfs");
            table.mount(a[0], a[1], readonly == null ? PyBool.FALSE : readonly, mkfs == null ? PyBool.FALSE : mkfs);
            return PyNone.NONE;
        });
    }
}
