package dev.mica.vm.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;

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

    @Test
    void aModuleWhoseProviderWentAwayIsNoLongerFoundAndASuccessorMakesItAnew() {
        AtomicReference<ModuleProvider> offered = new AtomicReference<>(provider("swapped"));
        registry.useProviders(new ModuleProviders() {
            @Override
            public ModuleProvider find(String name) {
                ModuleProvider p = offered.get();
                return p != null && p.name().equals(name) ? p : null;
            }

            @Override
            public List<String> names() {
                ModuleProvider p = offered.get();
                return p == null ? List.of() : List.of(p.name());
            }
        });
        PyModule first = registry.find("swapped", name -> false);
        assertNotNull(first);
        assertSame(first, registry.find("swapped", name -> false));

        offered.set(null);
        assertNull(registry.find("swapped", name -> false));
        assertFalse(registry.isLoaded("swapped"));

        offered.set(provider("swapped"));
        PyModule second = registry.find("swapped", name -> false);
        assertNotNull(second);
        assertNotSame(first, second);
        assertSame(second, registry.find("swapped", name -> false));
    }

    /** A provider as another bundle offers one: each instance makes its own module. */
    private static ModuleProvider provider(String name) {
        return new ModuleProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PyModule create(ModuleEnvironment environment) {
                return new FixedModule(name).seal();
            }
        };
    }
}
