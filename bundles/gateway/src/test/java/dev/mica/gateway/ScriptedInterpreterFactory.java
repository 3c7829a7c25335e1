package dev.mica.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.mica.heap.HeapAccount;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;

/**
 * A stand-in for the VM whose "scripts" are one command each: {@code print TEXT},
 * {@code fail TEXT} (to stderr, then an uncaught exception), {@code exit N}, or {@code loop}
 * (runs until interrupted; {@code loop stubborn} ignores the first interrupt), or
 * {@code slowfail N TEXT} (moves {@link #clock} N seconds on, then fails as {@code fail} does).
 * {@link Interpreter#runInteractive} takes the same commands.
 */
final class ScriptedInterpreterFactory implements InterpreterFactory {
    /** What a {@code loop} program holds of its heap while it runs. */
    static final long LOOP_HEAP_BYTES = 4096;

    final List<InterpreterConfig> configs = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch looping = new CountDownLatch(1);
    /** The clock {@code slowfail} moves on; null when no test needs it. */
    ManualClock clock;

    @Override
    public Interpreter create(InterpreterConfig config) {
        configs.add(config);
        events.add("create");
        return new ScriptedInterpreter(config);
    }

    @Override
    public String version() {
        return "scripted";
    }

    private final class ScriptedInterpreter implements Interpreter {
        private final PrintStream out;
        private final PrintStream err;
        private int interrupts;
        private final HeapAccount heap;

        ScriptedInterpreter(InterpreterConfig config) {
            heap = new HeapAccount(config.heapSize(), () -> null);
            out = new PrintStream(config.stdout(), true, StandardCharsets.UTF_8);
            err = new PrintStream(config.stderr(), true, StandardCharsets.UTF_8);
        }

        @Override
        public RunResult runFile(Path script) {
            events.add("run " + script.getFileName());
            try {
                return runCommand(Files.readString(script).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private RunResult runCommand(String command) {
            String argument = command.contains(" ") ? command.substring(command.indexOf(' ') + 1) : "";
            if (command.startsWith("print ")) {
                out.println(argument);
                return RunResult.COMPLETED;
            }
            if (command.startsWith("fail ")) {
                err.println(argument);
                return RunResult.exception();
            }
            if (command.startsWith("slowfail ")) {
                String[] parts = argument.split(" ", 2);
                clock.advance(java.time.Duration.ofSeconds(Long.parseLong(parts[0])));
                err.println(parts[1]);
                return RunResult.exception();
            }
            if (command.startsWith("exit ")) {
                return RunResult.systemExit(Integer.parseInt(argument));
            }
            if (command.startsWith("loop")) {
                heap.charge(LOOP_HEAP_BYTES);
                looping.countDown();
                int needed = argument.equals("stubborn") ? 2 : 1;
                synchronized (this) {
                    while (interrupts < needed) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // the thread's interrupt flag alone does not stop a Python program
                        }
                    }
                }
                err.println("KeyboardInterrupt");
                return RunResult.exception();
            }
            throw new IllegalArgumentException("unknown command " + command);
        }

        @Override
        public HeapAccount heapAccount() {
            return heap;
        }

        @Override
        public synchronized void interrupt() {
            interrupts++;
            notifyAll();
        }

        @Override
        public void close() {
            events.add("close");
        }

        @Override
        public RunResult runSource(String source, String sourceFile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunResult runModule(String moduleName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunResult runInteractive(String source) {
            events.add("interactive " + source);
            return runCommand(source.strip());
        }

        @Override
        public boolean isCompleteInput(String source) {
            throw new UnsupportedOperationException();
        }
    }
}
