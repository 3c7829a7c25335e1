package dev.mica.emit;

/**
 * Compiles functions to JVM code. A service: the VM uses the one bound (or found with
 * ServiceLoader on a class path) for functions marked {@code @micropython.native} or
 * {@code @micropython.viper} (or all code under {@code -X emit=native}); when it goes away,
 * the code it made is dropped and those functions run as bytecode again.
 */
public interface NativeEmitter {
    /**
     * JVM code for one function, or null when this emitter does not handle something in it
     * (the function then runs on the bytecode VM with the same results).
     *
     * @throws dev.mica.obj.PyException for code that MicroPython's emitter rejects at compile
     *         time (ViperTypeError, NotImplementedError), with its message
     */
    CompiledBody compile(FunctionCode code);
}
