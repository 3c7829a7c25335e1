/**
 * Built-in modules from other bundles: a bundle offers each of its modules as a
 * {@link dev.mica.module.ModuleProvider} service (and for {@link java.util.ServiceLoader} on a
 * plain class path); every interpreter makes its own instance of a module on first import.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.mica.module;
