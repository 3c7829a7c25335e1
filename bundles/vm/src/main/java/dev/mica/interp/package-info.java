/**
 * Interpreters as services: a factory that makes isolated MicroPython interpreters, each with
 * its own modules, heap budget and standard streams.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.mica.interp;
