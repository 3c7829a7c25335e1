package dev.mica.code;

/** The default code emitter for functions without a decorator that picks one. */
public enum EmitMode {
    BYTECODE, NATIVE, VIPER
}
