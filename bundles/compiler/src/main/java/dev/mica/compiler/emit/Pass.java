package dev.mica.compiler.emit;

/** The compiler's passes over each scope, in order. */
enum Pass {
    /** finds names and child scopes */
    SCOPE,
    /** measures the stack */
    STACK_SIZE,
    /** measures the code, so jumps know their targets */
    CODE_SIZE,
    /** writes the code; repeated while jump encodings shrink */
    EMIT
}
