/**
 * MicroPython's REPL over a byte input and output: {@link dev.mica.repl.ReplSession}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.repl;
