package dev.mica.vm.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.vm.runtime.Runtime;

class BuiltinModulesTest {
    private final Runtime rt = ModuleTestSupport.runtime(null);
    private final BuiltinModules registry = rt.builtinModules();

    @Test
    void modulesAreMadeOnFirstUseAndKept() {
        assertFalse(registry.isLoaded("collections"));
        PyModule first = registry.find("collections", name -> false);
        assertTrue(registry.isLoaded("collections"));
        assertSame(first, registry.find("collections", name -> false));
        assertFalse(registry.isLoaded("gc"));
    }

    @Test
    void aFileOnThePathHidesOnlyExtensibleModules() {
        assertNull(registry.find("io", name -> true));
        assertFalse(registry.isLoaded("io"));
        assertEquals("gc", registry.find("gc", name -> true).name());
    }

    @Test
    void uPrefixedNamesReachExtensibleModulesOnly() {
        assertSame(registry.module("errno"), registry.find("uerrno", name -> true));
        assertSame(registry.module("sys"), registry.find("usys", name -> true));
        assertNull(registry.find("ugc", name -> false));
        assertNull(registry.find("nosuch", name -> false));
    }

    @Test
    void builtinModulesRefuseNewAttributes() {
        PyModule gc = registry.module("gc");
        PyException e = assertThrows(PyException.class, () -> gc.setAttr("x", PyInt.of(1)));
        assertEquals("'module' object has no attribute 'x'", e.value().argsText());
    }

    @Test
    void helpListsModulesInColumns() {
        String text = registry.helpText();
        assertTrue(text.startsWith("__main__"), text);
        assertTrue(text.contains("collections"), text);
        assertTrue(text.endsWith("Plus any modules on the filesystem\n"), text);
    }
}
