package dev.mica.compiler.scope;

/** How a name is bound in a scope. */
public enum IdKind {
    UNDECIDED,
    /** read only, looked up by name */
    GLOBAL_IMPLICIT,
    /** assigned at module or class level: a name lookup that must not be closed over */
    GLOBAL_IMPLICIT_ASSIGNED,
    /** declared global */
    GLOBAL_EXPLICIT,
    /** a fast local */
    LOCAL,
    /** a local that inner scopes close over */
    CELL,
    /** a variable of an enclosing scope */
    FREE
}
