package dev.mica.repl;

import java.io.InputStream;
import java.io.OutputStream;

import dev.mica.interp.Interpreter;

/**
 * Where a {@link ReplSession} gets its interpreter: once when it starts, and again after each
 * soft reset (the session closes the one it had).
 */
@FunctionalInterface
public interface InterpreterSource {
    /**
     * An interpreter whose {@code sys.stdin}, {@code sys.stdout} and {@code sys.stderr} are the
     * given streams (a source that hands over an interpreter it made earlier may keep its own).
     */
    Interpreter open(InputStream stdin, OutputStream stdout, OutputStream stderr);
}
