package dev.mica.code;

/**
 * A program the compiler rejects. The runtime raises it as the Python exception named by
 * {@link #pythonType()} ({@code SyntaxError} or {@code IndentationError}), with MicroPython's
 * message and the line where the compiler stopped.
 */
public final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String sourceFile;
    private final int line;

    public CompileError(String pythonType, String message, String sourceFile, int line) {
        super(message, null, false, false);
        this.pythonType = pythonType;
        this.sourceFile = sourceFile;
        this.line = line;
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
}
