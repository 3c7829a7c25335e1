package dev.mica.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.mica.interp.Interpreter;
import dev.mica.interp.RunResult;

/**
 * MicroPython's REPL over a byte input and a byte output, independent of what carries the
 * bytes (a terminal, a TCP connection, a serial device): the friendly REPL with its line
 * editor, paste mode and Tab completion, and (in the {@link ReplOptions.Style#BOARD board}
 * style) the raw REPL and its raw-paste mode that {@code pyboard.py}, {@code mpremote} and
 * Thonny drive, and soft resets. One thread calls {@link #run()}; a Ctrl-C byte that arrives
 * while a program runs raises {@code KeyboardInterrupt} in it.
 */
public final class ReplSession implements AutoCloseable {
    static final int CTRL_A = 1;
    static final int CTRL_B = 2;
    static final int CTRL_C = 3;
    static final int CTRL_D = 4;
    static final int CTRL_E = 5;

    static final String RAW_BANNER = "raw REPL; CTRL-B to exit\r\n";
    static final String SOFT_REBOOT = "MPY: soft reboot\r\n";
    /** Bytes the host may send in raw-paste mode before it waits for a window increment. */
    static final int RAW_PASTE_WINDOW = 128;

    /** How a mode of the REPL was left. */
    private enum Exit { END_OF_INPUT, SOFT_RESET, TO_RAW, TO_FRIENDLY, EXIT }

    private final ReplInput input;
    private final OutputStream out;
    private final ReplOptions options;
    private final InterpreterSource interpreters;
    private final boolean board;
    /** Line end of the session's own messages. */
    private final String newline;
    /** What programs print: translated to CRLF on a board. */
    private final OutputStream programOut;
    /** Where programs' stderr goes: {@link #programOut}, or a buffer while the raw REPL runs code. */
    private final RedirectableOutput programErr;
    private final LineEditor editor;

    private Interpreter interpreter;
    private int exitStatus;
    /** The previous input byte was a carriage return: a line feed after it ends nothing more. */
    private boolean afterCarriageReturn;

    public ReplSession(ReplInput input, OutputStream out, ReplOptions options, InterpreterSource interpreters) {
        this.input = input;
        this.out = out;
        this.options = options;
        this.interpreters = interpreters;
        this.board = options.style() == ReplOptions.Style.BOARD;
        this.newline = board ? "\r\n" : "\n";
        this.programOut = board ? new CrlfOutputStream(out) : out;
        this.programErr = new RedirectableOutput(programOut);
        this.editor = new LineEditor(out, new ReplCompleter(() -> interpreter, newline));
    }

    /**
     * Runs the REPL until its input ends, or in the unix port's style until Ctrl-D or
     * {@code SystemExit}. Returns the exit status the unix port would give (0, or the code of
     * {@code SystemExit}).
     *
     * @throws IOException when the output fails (the other end went away)
     */
    public int run() throws IOException {
        if (interpreter == null) {
            interpreter = interpreters.open(input.programStream(), programOut, programErr);
        }
        boolean raw = false;
        while (true) {
            Exit exit = raw ? rawRepl() : friendlyRepl();
            switch (exit) {
                case END_OF_INPUT:
                case EXIT:
                    return exitStatus;
                case TO_RAW:
                    raw = true;
                    break;
                case TO_FRIENDLY:
                    raw = false;
                    break;
                case SOFT_RESET:
                    softReset();
                    break;
                default:
                    throw new IllegalStateException(exit.name());
            }
        }
    }

    /** The interpreter the session runs code in now (a soft reset replaces it). */
    public Interpreter interpreter() {
        return interpreter;
    }

    /** Closes the session's current interpreter. */
    @Override
    public void close() {
        if (interpreter != null) {
            interpreter.close();
        }
    }

    /** A fresh interpreter, as a board's soft reset gives: the old one is closed. */
    private void softReset() throws IOException {
        write(SOFT_REBOOT);
        Interpreter old = interpreter;
        interpreter = null;
        old.close();
        interpreter = interpreters.open(input.programStream(), programOut, programErr);
    }

    // ---- the friendly REPL

    private Exit friendlyRepl() throws IOException {
        writeBanner();
        while (true) {
            editor.start(">>> ");
            int key = readLine();
            RunResult result;
            if (key == LineEditor.CTRL_A && board) {
                write("\r\n");
                return Exit.TO_RAW;
            } else if (key == LineEditor.CTRL_B && board) {
                write("\r\n");
                writeBanner();
                continue;
            } else if (key == LineEditor.CTRL_C) {
                write("\r\n");
                continue;
            } else if (key == LineEditor.CTRL_D) {
                write(newline);
                if (board) {
                    return input.ended() ? Exit.END_OF_INPUT : Exit.SOFT_RESET;
                }
                return Exit.EXIT;
            } else if (key == LineEditor.CTRL_E) {
                String block = paste();
                if (block == null) {
                    continue;
                }
                result = run(block, true);
            } else if (editor.text().isEmpty()) {
                if (key != LineEditor.ENTER && !board) {
                    write("\n");
                }
                continue;
            } else {
                boolean cancelled = false;
                while (!interpreter.isCompleteInput(editor.text())) {
                    editor.continueWith("... ");
                    key = readLine();
                    if (key == LineEditor.CTRL_C) {
                        write(newline);
                        cancelled = true;
                        break;
                    } else if (key == LineEditor.CTRL_D) {
                        break;
                    }
                }
                if (cancelled) {
                    continue;
                }
                result = run(editor.text(), false);
            }
            if (result.status() == RunResult.Status.SYSTEM_EXIT) {
                if (board) {
                    return Exit.SOFT_RESET;
                }
                exitStatus = result.exitCode();
                return Exit.EXIT;
            }
        }
    }

    private void writeBanner() throws IOException {
        if (board) {
            write(options.banner() + "\r\nType \"help()\" for more information.\r\n");
        } else {
            write(options.banner() + "\nUse Ctrl-D to exit, Ctrl-E for paste mode\n");
        }
    }

    /** Feeds bytes to the editor until it has a result; the end of input gives Ctrl-D. */
    private int readLine() throws IOException {
        while (true) {
            int c = input.read();
            if (c < 0) {
                // the end of input ends the line as Ctrl-D on an empty line would (never loops)
                return LineEditor.CTRL_D;
            }
            boolean lineFeedOfCrLf = c == '\n' && afterCarriageReturn;
            afterCarriageReturn = c == '\r';
            if (lineFeedOfCrLf) {
                continue;
            }
            int result = editor.feed(c == '\n' ? '\r' : c);
            if (result != LineEditor.MORE) {
                return result;
            }
        }
    }

    /** Paste mode: text as typed until Ctrl-D; null when Ctrl-C cancels it. */
    private String paste() throws IOException {
        write(newline + "paste mode; Ctrl-C to cancel, Ctrl-D to finish" + newline + "=== ");
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        while (true) {
            int c = input.read();
            if (c == CTRL_C) {
                write(newline);
                return null;
            }
            if (c < 0 || c == CTRL_D) {
                write(newline);
                return block.toString(StandardCharsets.UTF_8);
            }
            boolean lineFeedOfCrLf = c == '\n' && afterCarriageReturn;
            afterCarriageReturn = c == '\r';
            if (lineFeedOfCrLf) {
                continue;
            }
            if (c == '\r' || c == '\n') {
                block.write('\n');
                write(newline + "=== ");
            } else {
                block.write(c);
                out.write(c);
                out.flush();
            }
        }
    }

    private RunResult run(String source, boolean pastedBlock) throws IOException {
        Interpreter running = interpreter;
        input.onInterrupt(running::interrupt);
        input.setLineEditing(options.echoProgramInput());
        try {
            return pastedBlock ? running.runPasted(source) : running.runInteractive(source);
        } finally {
            input.onInterrupt(null);
            input.setLineEditing(false);
            out.flush();
        }
    }

    // ---- the raw REPL

    /**
     * The raw REPL: no echo, no editing; a program is sent whole and ended by Ctrl-D, and its
     * output and its error text come back each ended by {@code \x04}.
     */
    private Exit rawRepl() throws IOException {
        write(RAW_BANNER);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            line.reset();
            write(">");
            boolean restart = false;
            while (true) {
                int c = input.read();
                if (c < 0) {
                    return Exit.END_OF_INPUT;
                } else if (c == CTRL_A) {
                    byte[] typed = line.toByteArray();
                    if (typed.length == 2 && typed[0] == CTRL_E) {
                        if (rawPaste(typed[1]) == Exit.SOFT_RESET) {
                            return Exit.SOFT_RESET;
                        }
                        line.reset();
                        write(">");
                        continue;
                    }
                    restart = true;
                    break;
                } else if (c == CTRL_B) {
                    write("\r\n");
                    return Exit.TO_FRIENDLY;
                } else if (c == CTRL_C) {
                    line.reset();
                } else if (c == CTRL_D) {
                    break;
                } else {
                    line.write(c);
                }
            }
            if (restart) {
                write(RAW_BANNER);
                continue;
            }
            write("OK");
            if (line.size() == 0) {
                write("\r\n");
                return Exit.SOFT_RESET;
            }
            if (runRaw(line.toString(StandardCharsets.UTF_8)) == Exit.SOFT_RESET) {
                return Exit.SOFT_RESET;
            }
        }
    }

    /**
     * Raw-paste mode: the host sends the program in windows of {@link #RAW_PASTE_WINDOW} bytes
     * and waits for a {@code \x01} before each further window; {@code \x04} from the host ends
     * the program, and is acknowledged with a {@code \x04} before the program runs.
     */
    private Exit rawPaste(int command) throws IOException {
        if (command != 'A') {
            write("R\u0000");
            return Exit.TO_RAW;
        }
        write("R\u0001");
        out.write(new byte[] {(byte) (RAW_PASTE_WINDOW & 0xff), (byte) (RAW_PASTE_WINDOW >> 8), 1});
        out.flush();
        ByteArrayOutputStream program = new ByteArrayOutputStream();
        int windowLeft = RAW_PASTE_WINDOW;
        while (true) {
            int c = input.read();
            if (c < 0) {
                return Exit.END_OF_INPUT;
            }
            if (c == CTRL_C || c == CTRL_D) {
                write("\u0004");
                if (c == CTRL_C) {
                    // the program never started: as a board, report the interrupted reading
                    write("\u0004");
                    programOut.write("KeyboardInterrupt: \n".getBytes(StandardCharsets.UTF_8));
                    write("\u0004");
                    return Exit.TO_RAW;
                }
                break;
            }
            program.write(c);
            if (--windowLeft == 0) {
                write("\u0001");
                windowLeft = RAW_PASTE_WINDOW;
            }
        }
        return runRaw(program.toString(StandardCharsets.UTF_8));
    }

    /** Runs a raw REPL program: its output, {@code \x04}, its error text, {@code \x04}. */
    private Exit runRaw(String source) throws IOException {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        RunResult result;
        programErr.redirectTo(errors);
        try {
            result = run(source, true);
        } finally {
            programErr.redirectTo(programOut);
        }
        write("\u0004");
        programOut.write(errors.toByteArray());
        write("\u0004");
        return result.status() == RunResult.Status.SYSTEM_EXIT ? Exit.SOFT_RESET : Exit.TO_RAW;
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An output stream whose target can be switched between runs. */
    private static final class RedirectableOutput extends OutputStream {
        private volatile OutputStream target;

        RedirectableOutput(OutputStream target) {
            this.target = target;
        }

        void redirectTo(OutputStream newTarget) {
            target = newTarget;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
