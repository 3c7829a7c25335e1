package dev.mica.code;

/**
 * A program the compiler rejects. The runtime raises it as the Python exception named by
 * {@link #pythonType()} ({@code SyntaxError} or {@code IndentationError}), with MicroPython's
 * message and the line where the compiler stopped; errors found after parsing also name the
 * scope ({@code <module>}, a function's name, ...) as MicroPython's tracebacks of them do.
 */
public final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String sourceFile;
    private final int line;
    private final String scopeName;

    /** An error found while reading the program, before scopes exist. */
    public CompileError(String pythonType, String message, String sourceFile, int line) {
        this(pythonType, message, sourceFile, line, null);
    }

    /** An error found while compiling the scope named {@code scopeName}. */
    public CompileError(String pythonType, String message, String sourceFile, int line, String scopeName) {
        super(message, null, false, false);
        this.pythonType = pythonType;
        this.sourceFile = sourceFile;
        this.line = line;
        this.scopeName = scopeName;
    }

    public String pythonType() {
        return pythonType;
    }

    public String sourceFile() {
        return sourceFile;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** The scope being compiled when the error was found, or null for an error found while parsing. */
    public String scopeName() {
        return scopeName;
    }
}
