package dev.mica.vm.modules;

import java.util.List;

import dev.mica.module.ModuleProvider;

/**
 * The modules other bundles offer at this moment: the service registry's under OSGi,
 * ServiceLoader's on a class path. Asked on every import of a name this bundle does not have,
 * so a provider that comes or goes is seen by the next import.
 */
public interface ModuleProviders {
    ModuleProviders NONE = new ModuleProviders() {
        @Override
        public ModuleProvider find(String name) {
            return null;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    /** The provider of that module name that wins (the highest ranked), or null. */
    ModuleProvider find(String name);

    /** Names of all modules offered. */
    List<String> names();

    /**
     * Waits while a bundle that offers modules is on its way (starting at boot or after a
     * refresh); true if it waited, so that a lookup that found nothing may be tried again.
     */
    default boolean awaitArrivals() {
        return false;
    }
}
