package dev.mica.cli;

import java.io.IOException;
import java.io.PrintStream;

import dev.mica.interp.Interpreter;
import dev.mica.interp.RunResult;

/**
 * The interactive prompt of {@code mica}, as the unix port's: {@code >>> } and {@code ... }
 * prompts edited by {@link LineEditor}, continuation lines while the input is incomplete,
 * Ctrl-C to drop the input, Ctrl-D on an empty line to leave, Ctrl-E for paste mode. On a
 * terminal the line editor needs raw mode, which the caller sets up.
 */
final class Repl {
    private final Interpreter interpreter;
    private final String banner;
    private final ConsoleInput input;
    private final PrintStream out;
    private final boolean rawTerminal;
    private final LineEditor editor;

    Repl(Interpreter interpreter, String banner, ConsoleInput input, PrintStream out, boolean rawTerminal) {
        this.interpreter = interpreter;
        this.banner = banner;
        this.input = input;
        this.out = out;
        this.rawTerminal = rawTerminal;
        this.editor = new LineEditor(out, new ReplCompleter(interpreter));
    }

    /** Runs until Ctrl-D (or the end of input) or {@code SystemExit}; returns the exit status. */
    int run() throws IOException {
        out.print(banner + "\nUse Ctrl-D to exit, Ctrl-E for paste mode\n");
        out.flush();
        statements:
        while (true) {
            editor.start(">>> ");
            int key = readLine();
            RunResult result;
            if (key == LineEditor.CTRL_C) {
                write("\r\n");
                continue;
            } else if (key == LineEditor.CTRL_D) {
                write("\n");
                return 0;
            } else if (key == LineEditor.CTRL_E) {
                String block = paste();
                if (block == null) {
                    continue;
                }
                result = run(block, true);
            } else if (editor.text().isEmpty()) {
                if (key != LineEditor.ENTER) {
                    write("\n");
                }
                continue;
            } else {
                while (!interpreter.isCompleteInput(editor.text())) {
                    editor.continueWith("... ");
                    key = readLine();
                    if (key == LineEditor.CTRL_C) {
                        write("\n");
                        continue statements;
                    } else if (key == LineEditor.CTRL_D) {
                        break;
                    }
                }
                result = run(editor.text(), false);
            }
            if (result.status() == RunResult.Status.SYSTEM_EXIT) {
                return result.exitCode();
            }
        }
    }

    /** Feeds bytes to the editor until it has a result; the end of input gives Ctrl-D. */
    private int readLine() throws IOException {
        while (true) {
            int c = input.read();
            if (c < 0) {
                // the end of input ends the line as Ctrl-D on an empty line would (never loops)
                return LineEditor.CTRL_D;
            } else if (c == '\n') {
                c = '\r';
            }
            int result = editor.feed(c);
            if (result != LineEditor.MORE) {
                return result;
            }
        }
    }

    /** Paste mode: text as typed until Ctrl-D; null when Ctrl-C cancels it. */
    private String paste() throws IOException {
        write("\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== ");
        StringBuilder block = new StringBuilder();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = input.read();
            if (c == LineEditor.CTRL_C) {
                write("\n");
                return null;
            }
            if (c < 0 || c == LineEditor.CTRL_D) {
                write("\n");
                block.append(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                return block.toString();
            }
            if (c == '\r' || c == '\n') {
                line.write('\n');
                block.append(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                line.reset();
                write("\n=== ");
            } else {
                line.write(c);
                out.write(c);
                out.flush();
            }
        }
    }

    private RunResult run(String source, boolean pastedBlock) {
        input.onInterrupt(interpreter::interrupt);
        input.setLineEditing(rawTerminal);
        try {
            return pastedBlock ? interpreter.runPasted(source) : interpreter.runInteractive(source);
        } finally {
            input.onInterrupt(null);
            input.setLineEditing(false);
            out.flush();
        }
    }

    private void write(String s) {
        out.print(s);
        out.flush();
    }
}
