package dev.mica.interp;

import java.nio.file.Path;
import java.util.List;

/**
 * One MicroPython interpreter: its own {@code sys.modules}, {@code __main__}, heap and streams.
 * Runs one program at a time; {@link #interrupt()} may be called from any thread.
 *
 * <p>An uncaught Python exception is printed to the interpreter's stderr as a MicroPython
 * traceback and reported as {@link RunResult#exception()}; {@code SystemExit} ends the run
 * with its code.
 */
public interface Interpreter extends AutoCloseable {
    /** Runs a script as {@code __main__}; its directory becomes the first entry of {@code sys.path}. */
    RunResult runFile(Path script);

    /** Runs source text as {@code __main__}, as {@code mica -c} does. */
    RunResult runSource(String source, String sourceFile);

    /** Imports a module by name as {@code __main__}, as {@code mica -m} does. */
    RunResult runModule(String moduleName);

    /**
     * Runs one statement typed at the REPL: expression statements print their repr, and
     * {@code _} holds the last value.
     */
    RunResult runInteractive(String source);

    /**
     * Whether REPL input is a complete statement, or needs continuation lines ({@code ... }
     * prompt) as MicroPython decides it.
     */
    boolean isCompleteInput(String source);

    /**
     * Runs a block entered in the REPL's paste mode: compiled as a whole file (not one
     * statement), run in {@code __main__}.
     */
    default RunResult runPasted(String source) {
        return runInteractive(source);
    }

    /**
     * The names the REPL offers for Tab completion: the attributes of the object reached from
     * {@code __main__} by following {@code attributeChain} (empty: the names {@code __main__}
     * defines). Null when a name of the chain does not resolve.
     */
    default List<String> completionNames(List<String> attributeChain) {
        return null;
    }

    /** The names of the modules built into the interpreter (completed after {@code import }). */
    default List<String> builtinModuleNames() {
        return List.of();
    }

    /**
     * Runs what the program registered with {@code sys.atexit}, as the unix port does when the
     * script or the REPL ends; does nothing if nothing was registered.
     */
    default RunResult runAtExit() {
        return RunResult.COMPLETED;
    }

    /**
     * The folder the interpreter's file access is confined to, or null when it is not confined
     * (its programs then name the host's files).
     */
    default Path storageRoot() {
        return null;
    }

    /**
     * The host path of a file name as the interpreter's programs name it in {@code open()} and
     * {@code os} (relative names from the program's current directory), confined to
     * {@link #storageRoot()} as for the programs themselves: a name that would leave it, by
     * {@code ..} or through a symbolic link, is refused.
     *
     * @throws RuntimeException when the name is refused (a Python {@code OSError} for the
     *         interpreters of the VM) or the interpreter does not resolve file names
     */
    default Path resolvePath(String name) {
        throw new UnsupportedOperationException("this interpreter does not resolve file names");
    }

    /**
     * The bytes of its heap budget the program holds now, as {@code gc.mem_alloc()} would say
     * at the last charge; -1 when the interpreter keeps no account. May be called from any
     * thread (a monitoring figure, not synchronised with the program).
     */
    default long heapUsed() {
        dev.mica.heap.HeapAccount account = heapAccount();
        return account == null ? -1 : account.used();
    }

    /**
     * The interpreter's heap account (what its program holds against its heap size), for
     * monitoring from any thread; null when the interpreter keeps none.
     */
    default dev.mica.heap.HeapAccount heapAccount() {
        return null;
    }

    /** Raises {@code KeyboardInterrupt} in the running program between bytecodes. */
    void interrupt();

    /**
     * Why the last run was ended by a reset that a module asked for (a watchdog that was not
     * fed: {@code ModuleEnvironment.resetProgram}), or null when it ended otherwise. Such a run
     * ends as {@code machine.reset()} ends it ({@code SystemExit}, status 0); the host decides
     * what a reset means: the gateway starts the app again in a new interpreter, bin/mica ends.
     */
    default String resetCause() {
        return null;
    }

    @Override
    void close();

    /**
     * An environment variable as the program sees it now (it may have changed it with
     * {@code os.putenv}), or null; the unix port's {@code MICROPYINSPECT} is read this way.
     */
    default String environmentVariable(String name) {
        return null;
    }
}
