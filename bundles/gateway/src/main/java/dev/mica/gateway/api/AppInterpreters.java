package dev.mica.gateway.api;

import java.io.InputStream;
import java.io.OutputStream;

import dev.mica.interp.Interpreter;

/**
 * Interpreters made like a gateway app's (its files as storage root, its {@code sys.path}, its
 * heap and compile settings), as {@code mica:exec} uses them: for a REPL on an app. Each is a
 * new interpreter beside the app's own run; the caller closes it.
 */
public interface AppInterpreters {
    /**
     * A new interpreter made like the app's, with these standard streams.
     *
     * @throws IllegalArgumentException when there is no such app (the message says so)
     */
    Interpreter create(String appName, InputStream stdin, OutputStream stdout, OutputStream stderr);
}
