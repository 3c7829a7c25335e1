package dev.mica.repl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.mica.interp.Interpreter;
import dev.mica.repl.InterpreterSource;
import dev.mica.repl.ReplInput;
import dev.mica.repl.ReplOptions;
import dev.mica.repl.ReplSession;

/**
 * One REPL session in a board's style over a transport's byte streams, until the input ends
 * or the output fails. When the input ends while a program runs, the program is interrupted:
 * nobody is left to see it.
 */
final class ReplConnection {
    private ReplConnection() {}

    static void serve(InputStream in, OutputStream out, String banner, InterpreterSource interpreters) {
        ReplSession[] session = new ReplSession[1];
        InputStream watched = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    interruptRunningProgram(session[0]);
                }
                return b;
            }
        };
        ReplInput input = ReplInput.start(watched, out);
        session[0] = new ReplSession(input, out, new ReplOptions(ReplOptions.Style.BOARD, banner, true), interpreters);
        try {
            session[0].run();
        } catch (IOException e) {
            // the other end went away
        } catch (RuntimeException e) {
            // no interpreter could be made (an unknown app, say): tell the client why
            try {
                out.write(("\r\nno REPL: " + e.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ignored) {
                // the client is gone as well
            }
        } finally {
            session[0].close();
        }
    }

    private static void interruptRunningProgram(ReplSession session) {
        if (session != null) {
            Interpreter interpreter = session.interpreter();
            if (interpreter != null) {
                interpreter.interrupt();
            }
        }
    }
}
