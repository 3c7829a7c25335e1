package dev.mica.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.repl.ReplInput;
import dev.mica.repl.ReplOptions;
import dev.mica.repl.ReplSession;

/**
 * Types a few statements into a throw-away interpreter before the REPL shows its first
 * prompt, so that the classes the compiler and the VM need are loaded by then: a terminal
 * (or a program driving one) expects the answer to the first statement at once.
 */
final class ReplWarmUp {
    private static final String[] STATEMENTS = {
        "x = 1 + 2 * 3",
        "x == 7",
        "'abc'.upper(), [1, 2][0], {1: 'a'}[1], (1, 2)",
        "def f(a, *b, **c):\n    return a\n",
        "f(1)",
        "for i in range(3):\n    i += 1\n",
        "if x:\n    print(x, 'y', 1.5)\n",
        "if 0:\n    pass\nelif x:\n    pass\nelse:\n    print(5)\n",
        "while 0:\n    break\n",
        "[i * 2 for i in range(2)], {1, 2}, lambda: 0, f'{x}', 'a%d' % 1, x if x else 0",
        "class C:\n    pass\n",
        "import sys",
        "try:\n    1 / 0\nexcept Exception as e:\n    pass\n",
        "1 / 0",
        "x.isdigit()",
    };

    private ReplWarmUp() {}

    static void run(InterpreterFactory factory, InterpreterConfig config) {
        InterpreterConfig quiet = config.withStreams(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        try (Interpreter scratch = factory.create(quiet)) {
            for (String statement : STATEMENTS) {
                scratch.isCompleteInput(statement);
                scratch.runInteractive(statement);
            }
            scratch.completionNames(java.util.List.of("x"));
            // the session's own classes (another jar) too: a line typed with Tab completion, then Ctrl-D
            OutputStream discard = OutputStream.nullOutputStream();
            InputStream keys = new java.io.ByteArrayInputStream("x.isd\t()\r\u0004".getBytes(StandardCharsets.UTF_8));
            try {
                new ReplSession(ReplInput.start(keys, discard), discard,
                        new ReplOptions(ReplOptions.Style.UNIX_PORT, "", true), (stdin, stdout, stderr) -> scratch).run();
            } catch (IOException e) {
                // nothing is written anywhere it could fail
            }
        }
    }
}
