package dev.mica.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.mica.interp.Interpreter;
import dev.mica.interp.RunResult;

/**
 * The interactive prompt of {@code mica} on a line-edited terminal: {@code >>> } and
 * {@code ... } prompts, one statement at a time, Ctrl-D (end of input) to leave.
 */
final class Repl {
    private final Interpreter interpreter;
    private final String banner;
    private final BufferedReader input;
    private final PrintStream out;

    Repl(Interpreter interpreter, String banner, InputStream in, PrintStream out) {
        this.interpreter = interpreter;
        this.banner = banner;
        this.input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Runs until end of input or {@code SystemExit}; returns the exit status. */
    int run() {
        out.println(banner);
        out.println("Use Ctrl-D to exit");
        StringBuilder statement = new StringBuilder();
        while (true) {
            out.print(statement.length() == 0 ? ">>> " : "... ");
            out.flush();
            String line;
            try {
                line = input.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println();
                out.flush();
                return 0;
            }
            if (statement.length() > 0) {
                statement.append('\n');
            }
            statement.append(line);
            String source = statement.toString();
            // a blank line ends a compound statement; otherwise ask the compiler whether more is needed
            boolean finished = line.isBlank() || interpreter.isCompleteInput(source);
            if (!finished) {
                continue;
            }
            statement.setLength(0);
            if (source.isBlank()) {
                continue;
            }
            RunResult result = interpreter.runInteractive(source);
            out.flush();
            if (result.status() == RunResult.Status.SYSTEM_EXIT) {
                return result.exitCode();
            }
        }
    }
}
