package dev.mica.repl;

import java.util.Objects;

/**
 * How a {@link ReplSession} behaves.
 *
 * @param style which MicroPython the session behaves like
 * @param banner the first line of the banner, as {@code MicroPython v1.24.1 ...; machine}
 * @param echoProgramInput whether the session edits and echoes the lines a program reads
 *        ({@code input()}): on when no terminal driver does it (a raw terminal, a socket)
 */
public record ReplOptions(Style style, String banner, boolean echoProgramInput) {
    /** The two behaviours MicroPython's REPL has. */
    public enum Style {
        /**
         * The unix port's: Ctrl-D on an empty line leaves the REPL, {@code SystemExit} ends it
         * with its code, lines end in {@code \n} (the terminal driver adds the {@code \r}), no
         * raw REPL (Ctrl-A is ignored).
         */
        UNIX_PORT,
        /**
         * A board's, as on its serial port: lines end in {@code \r\n}, raw REPL and raw-paste
         * mode, Ctrl-D on an empty line and {@code SystemExit} soft-reset the interpreter.
         */
        BOARD
    }

    public ReplOptions {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(banner, "banner");
    }
}
