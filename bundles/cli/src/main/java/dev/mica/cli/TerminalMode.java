package dev.mica.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Switches the terminal on standard input to the mode MicroPython's REPL edits lines in (no
 * echo, no line buffering, no signal keys, output processing kept) and back, with
 * {@code stty}: the JDK has no terminal control of its own.
 */
final class TerminalMode implements AutoCloseable {
    private static final String[] RAW = {
        "-brkint", "-icrnl", "-inpck", "-istrip", "-ixon", "cs8", "-parenb",
        "-isig", "-icanon", "-echo", "-iexten", "-echoe", "-echok", "-echonl", "-echoctl", "-echoke",
        "min", "1", "time", "0",
    };

    private final String saved;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Puts the terminal in raw mode; returns null (and changes nothing) if that fails. */
    static TerminalMode enterRaw() {
        String saved = stty("-g");
        if (saved == null || saved.isBlank()) {
            return null;
        }
        if (stty(RAW) == null) {
            return null;
        }
        return new TerminalMode(saved.trim());
    }

    /** Restores the settings the terminal had before. */
    @Override
    public void close() {
        stty(saved);
    }

    /** Runs stty on standard input; returns what it printed, or null if it failed. */
    private static String stty(String... args) {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
