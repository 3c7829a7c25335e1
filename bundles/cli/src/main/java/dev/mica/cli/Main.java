package dev.mica.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import dev.mica.code.CompileOptions;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;
import dev.mica.repl.ReplInput;
import dev.mica.repl.ReplOptions;
import dev.mica.repl.ReplSession;

/**
 * {@code mica}: the command line of MicroPython's unix port, on a plain class path. The VM and
 * the compiler are found with {@link ServiceLoader}, as DS finds them in the gateway.
 */
public final class Main {
    /** Set by {@code bin/mica} when standard input is a terminal. */
    static final String STDIN_IS_TERMINAL = "mica.stdin.tty";

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err, System.getenv(), Boolean.getBoolean(STDIN_IS_TERMINAL));
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command and returns the process exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, java.util.Map<String, String> env,
            boolean terminal) {
        CommandLine command;
        try {
            command = CommandLine.parse(args, InterpreterConfig.DEFAULT_HEAP_SIZE, InterpreterConfig.DEFAULT_TIER_THRESHOLD);
        } catch (CommandLine.InvalidArguments e) {
            err.println("Invalid command line arguments. Use -h option for help.");
            return 1;
        }
        if (command.action() == CommandLine.Action.HELP) {
            out.print(Usage.text("mica", InterpreterConfig.DEFAULT_HEAP_SIZE));
            return 0;
        }
        InterpreterFactory factory = ServiceLoader.load(InterpreterFactory.class, Main.class.getClassLoader())
                .findFirst().orElse(null);
        if (factory == null) {
            err.println("mica: no MicroPython VM on the class path");
            return 1;
        }
        if (command.action() == CommandLine.Action.VERSION) {
            out.println(VersionInfo.banner(factory.version()));
            return 0;
        }
        if (command.board() != null) {
            // read by the machine module when a program first imports it
            System.setProperty(dev.mica.machine.MachineModule.BOARD_PROPERTY, command.board());
        }
        boolean inspect = command.inspect() || !env.getOrDefault("MICROPYINSPECT", "").isEmpty();
        // an interactive session reads standard input through one thread, for Ctrl-C at the REPL
        ReplInput console = terminal || inspect ? ReplInput.start(in, out) : null;
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(console != null ? console.programStream() : in, out, err)
                .withArgv(command.argv())
                .withPath(searchPath(env))
                .withHeapSize(command.heapSize())
                .withCompileOptions(new CompileOptions(command.optimizationLevel(), command.emitMode()))
                .withVerbose(command.verbose())
                .withTierThreshold(command.tierThreshold());
        TerminalMode raw = null;
        try (Interpreter interpreter = factory.create(config);
                InterruptOnSigint sigint = InterruptOnSigint.install(interpreter)) {
            boolean programFirst = command.action() != CommandLine.Action.STDIN_OR_REPL;
            if (terminal && inspect && programFirst) {
                // the REPL must answer as soon as the program's output ends: prepare it first
                ReplWarmUp.run(factory, config);
                raw = TerminalMode.enterRaw();
                console.onInterrupt(interpreter::interrupt);
                console.setLineEditing(raw != null);
            }
            RunResult result = null;
            switch (command.action()) {
                case COMMAND:
                    result = interpreter.runSource(command.target(), "<stdin>");
                    break;
                case MODULE:
                    result = interpreter.runModule(command.target());
                    break;
                case FILE: {
                    Path script = Path.of(command.target());
                    if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
                        err.println("mica: can't open file '" + command.target() + "': [Errno 2] No such file or directory");
                        return 2;
                    }
                    result = interpreter.runFile(script);
                    break;
                }
                default:
                    if (!terminal && !inspect) {
                        result = interpreter.runSource(readAll(in), "<stdin>");
                    }
                    break;
            }
            if (console != null) {
                console.onInterrupt(null);
                console.setLineEditing(false);
            }
            // as the unix port, a program that sets MICROPYINSPECT asks for the REPL after it
            String inspectRequest = interpreter.environmentVariable("MICROPYINSPECT");
            if (result != null && inspectRequest != null && !inspectRequest.isEmpty()) {
                inspect = true;
            }
            int status;
            if (result != null && result.status() == RunResult.Status.SYSTEM_EXIT) {
                status = result.exitCode();
            } else if (result == null || inspect) {
                if (terminal && raw == null) {
                    ReplWarmUp.run(factory, config);
                    raw = TerminalMode.enterRaw();
                }
                ReplOptions options = new ReplOptions(ReplOptions.Style.UNIX_PORT, VersionInfo.banner(factory.version()),
                        raw != null);
                try {
                    status = new ReplSession(console != null ? console : ReplInput.start(in, out), out, options,
                            (stdin, stdout, stderr) -> interpreter).run();
                } catch (IOException e) {
                    status = 1;
                }
            } else {
                status = result.exitCode();
            }
            RunResult atExit = interpreter.runAtExit();
            if (atExit.status() == RunResult.Status.SYSTEM_EXIT) {
                status = atExit.exitCode();
            }
            return status;
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
    }

    /** {@code sys.path}: {@code ""} then {@code MICROPYPATH} or the default, with {@code ~/} expanded. */
    static List<String> searchPath(java.util.Map<String, String> env) {
        List<String> path = new ArrayList<>();
        path.add("");
        String configured = env.get("MICROPYPATH");
        List<String> entries = configured == null
                ? InterpreterConfig.DEFAULT_PATH.subList(1, InterpreterConfig.DEFAULT_PATH.size())
                : List.of(configured.startsWith(":") ? configured.substring(1).split(":", -1) : configured.split(":", -1));
        String home = env.get("HOME");
        for (String entry : entries) {
            path.add(entry.startsWith("~/") && home != null ? home + entry.substring(1) : entry);
        }
        return path;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
