/**
 * Writes compiled modules as {@code .mpy} v6 files, as MicroPython's {@code mpy-cross} does:
 * the compiler bundle's one exported package, used by {@code mica-cross} and by tools that
 * ship precompiled code.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.compiler.mpy;
