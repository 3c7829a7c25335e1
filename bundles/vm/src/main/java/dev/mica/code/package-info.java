/**
 * Compiled MicroPython code as the compiler emits it and the VM runs it: MicroPython v1.24
 * bytecode (the instruction set of {@code py/bc0.h}, the prelude of {@code py/bc.h}) grouped
 * into raw code objects, as a {@code .mpy} v6 file holds them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package dev.mica.code;
