package dev.mica.compiler;

/**
 * An error the compiler raises as a Python exception other than a syntax error, as MicroPython's
 * compiler does: {@code RuntimeError} for a name longer than a qstr can hold,
 * {@code NotImplementedError} for an unsupported escape. Becomes a {@link dev.mica.code.CompileError}
 * of that type at the compiler's boundary.
 */
public final class CompilerRaise extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The longest name, in UTF-8 bytes, that MicroPython can intern (one length byte). */
    public static final int MAX_NAME_BYTES = 255;

    private final String pythonType;
    private final int line;

    public CompilerRaise(String pythonType, String message, int line) {
        super(message, null, false, false);
        this.pythonType = pythonType;
        this.line = line;
    }

    public String pythonType() {
        return pythonType;
    }

    public int line() {
        return line;
    }

    /** Refuses a name that MicroPython could not make a qstr of. */
    public static String checkName(String name, int line) {
        if (name.length() > MAX_NAME_BYTES / 3
                && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new CompilerRaise("RuntimeError", "name too long", line);
        }
        return name;
    }
}
