package dev.mica.compiler.scope;

/** What a scope compiles: the module, a def, a lambda, a class body or a comprehension. */
public enum ScopeKind {
    MODULE("<module>"), FUNCTION(null), LAMBDA("<lambda>"), CLASS(null),
    LIST_COMP("<listcomp>"), DICT_COMP("<dictcomp>"), SET_COMP("<setcomp>"), GEN_EXPR("<genexpr>");

    private final String fixedName;

    ScopeKind(String fixedName) {
        this.fixedName = fixedName;
    }

    /** The simple name of scopes of this kind, or null when the source names them. */
    public String fixedName() {
        return fixedName;
    }

    /** Scopes whose names are local variables by default. */
    public boolean isFunctionLike() {
        return this != MODULE && this != CLASS;
    }

    public boolean isComprehension() {
        return ordinal() >= LIST_COMP.ordinal();
    }
}
