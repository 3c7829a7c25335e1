/**
 * The contract between the VM and a native code emitter (the emitter bundle): the VM hands a
 * function's decoded bytecode ({@link dev.mica.emit.FunctionCode}) to a
 * {@link dev.mica.emit.NativeEmitter}, which returns JVM code for it
 * ({@link dev.mica.emit.CompiledBody}) or declines; compiled code performs every operation
 * through {@link dev.mica.emit.NativeOps}, {@link dev.mica.emit.ViperOps} and the call's
 * {@link dev.mica.emit.NativeFrame}, the same helpers the bytecode interpreter uses.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.emit;
