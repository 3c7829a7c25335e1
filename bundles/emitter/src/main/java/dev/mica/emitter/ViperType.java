package dev.mica.emitter;

/**
 * The kinds of value the translator tracks on the stack and in locals: in native code every
 * value is an object; viper adds machine words (held in JVM longs) and the casting names.
 */
enum ViperType {
    OBJECT("object"),
    BOOL("bool"),
    INT("int"),
    UINT("uint"),
    PTR("ptr"),
    PTR8("ptr8"),
    PTR16("ptr16"),
    PTR32("ptr32"),
    /** viper's None constant (a word until it becomes an object) */
    NONE("None"),
    /** a casting name ({@code int}, {@code ptr8}, ...) loaded as a function */
    CAST("cast");

    final String pythonName;

    ViperType(String pythonName) {
        this.pythonName = pythonName;
    }

    /** True for values held in a JVM long. */
    boolean isWord() {
        return this != OBJECT && this != CAST;
    }

    boolean isInteger() {
        return this == INT || this == UINT;
    }

    boolean isPointer() {
        return this == PTR || this == PTR8 || this == PTR16 || this == PTR32;
    }

    /** The type an annotation or a casting name stands for, or null for an unknown name. */
    static ViperType named(String name) {
        if (name == null) {
            return OBJECT;
        }
        return switch (name) {
            case "object" -> OBJECT;
            case "bool" -> BOOL;
            case "int" -> INT;
            case "uint" -> UINT;
            case "ptr" -> PTR;
            case "ptr8" -> PTR8;
            case "ptr16" -> PTR16;
            case "ptr32" -> PTR32;
            default -> null;
        };
    }

    /** The type a global name casts to inside viper code, or null when the name is no cast. */
    static ViperType castNamed(String name) {
        ViperType t = named(name);
        return t == null || t == OBJECT || name == null ? null : t;
    }
}
