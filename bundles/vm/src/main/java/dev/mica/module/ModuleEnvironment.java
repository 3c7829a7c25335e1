package dev.mica.module;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.mica.obj.Py;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;

/** What a module may know of and ask from the interpreter it is made for. */
public interface ModuleEnvironment {
    /**
     * The folder the interpreter's file access is confined to, or null when it is not
     * confined. Modules that touch files resolve every path inside it.
     */
    Path storageRoot();

    /**
     * The host path that a file name of the program means: relative names start at the
     * current directory; with a storage root, "/" is the root and a name that would leave it
     * (by "..", an absolute path or a symbolic link) raises OSError(EACCES).
     */
    Path resolvePath(String name);

    /** The program's current directory as it names it ({@code os.getcwd()}). */
    String currentDirectory();

    /** {@code os.chdir}: OSError(ENOENT) unless {@code name} is a folder the program may reach. */
    void changeDirectory(String name);

    /**
     * Opens a host file as the built-in open() does ({@code io.FileIO} or
     * {@code io.TextIOWrapper}); {@code path} should come from {@link #resolvePath}.
     */
    PyObject openFile(Path path, String mode);

    /**
     * A file object for a file of a file system written in Java: {@code channel} reads, writes
     * and seeks (it may throw a Python exception, such as OSError(ENOSPC)); {@code mode} (the
     * letters of open()) says whether the object reads, writes, appends, and gives text or
     * bytes. Use after close raises OSError(EINVAL).
     */
    PyObject fileObject(java.nio.channels.SeekableByteChannel channel, String mode);

    /**
     * Like {@link #fileObject(java.nio.channels.SeekableByteChannel, String)}, for file systems
     * whose file objects print without a number ({@code <io.TextIOWrapper>}) and raise a bare
     * ValueError when used after close, as MicroPython's littlefs files do.
     */
    default PyObject unnumberedFileObject(java.nio.channels.SeekableByteChannel channel, String mode) {
        return fileObject(channel, mode);
    }

    /**
     * Makes open() and import ask {@code view} for the program's files from now on; null
     * gives them back to the host file system.
     */
    void useFileSystemView(FileSystemView view);

    /** The view that {@link #useFileSystemView} installed, or null. */
    FileSystemView fileSystemView();

    /**
     * Whether {@code micropython.heap_lock()} is in effect: a module about to make an object
     * that MicroPython would allocate (a file object, say) raises MemoryError first.
     */
    boolean heapLocked();

    /**
     * The interpreter's own environment variables ({@code os.getenv}/{@code putenv}), which
     * the module may change: a copy of the process environment, or empty for an interpreter
     * confined to a storage root (an app does not see the gateway's environment).
     */
    java.util.Map<String, String> environmentVariables();

    /** The interpreter's heap budget in bytes ({@code -X heapsize}). */
    long heapSize();

    /** Imports a module as an import statement of the program would (for modules built on others). */
    PyObject importModule(String name);

    /**
     * Runs Python code shipped with a bundle as the module {@code name}: {@code content} is a
     * {@code .mpy} v6 file or UTF-8 source, {@code fileName} what tracebacks show. Source needs
     * a compiler; without one this raises RuntimeError, as every compilation does.
     */
    PyModule loadModule(String name, String fileName, byte[] content);

    /**
     * Waits {@code millis} milliseconds on the calling Python thread while staying responsive:
     * a keyboard interrupt raises KeyboardInterrupt, scheduled callbacks run, and the program's
     * other threads run meanwhile (even a zero sleep lets them have a turn).
     */
    void sleep(long millis);

    /** Raises a pending keyboard interrupt or runs scheduled callbacks; for long loops in Java. */
    void checkInterrupts();

    /**
     * Runs {@code action} when the interpreter is closed, so that what a module holds outside
     * the JVM heap (sockets, files) is released with it: the gateway stops and restarts apps.
     * Actions run once, last registered first; one that fails does not stop the others.
     * Environments of interpreters that are never closed may ignore it, as this default does.
     */
    default void whenClosed(Runnable action) {
    }

    /**
     * Runs a blocking operation (waiting for a socket, a device, a queue) without holding the
     * interpreter lock, so that the program's other threads run meanwhile. The operation must
     * not touch Python objects; the lock is held again when this returns or throws.
     */
    default <T> T withoutInterpreterLock(Supplier<T> operation) {
        return operation.get();
    }

    /**
     * Queues {@code function(argument)} to run on the interpreter's thread between bytecodes,
     * as {@code micropython.schedule} does; callable from any thread (a driver's interrupt
     * thread, a timer). Raises RuntimeError("schedule queue full") when the queue is full.
     */
    default void schedule(PyObject function, PyObject argument) {
        throw Py.runtimeError("no scheduler");
    }

    /**
     * Queues a hard interrupt handler {@code function(argument)} from any thread (a driver's
     * event thread): it runs at the program's next look at interrupts (a backward jump, a call,
     * a wake-up from a sleep or wait), ahead of {@link #schedule}'s queue and even inside a
     * scheduled callback. Run it with {@link #withHeapLocked} as MicroPython runs hard handlers.
     * False when too many are waiting (the event is lost, as an interrupt that finds its
     * handler still pending). This default queues it as {@link #schedule} does.
     */
    default boolean scheduleHard(PyObject function, PyObject argument) {
        try {
            schedule(function, argument);
            return true;
        } catch (dev.mica.obj.PyException full) {
            return false;
        }
    }

    /**
     * Runs {@code action} with the heap locked, as {@code micropython.heap_lock()} does around
     * a hard interrupt handler: objects that MicroPython would allocate raise MemoryError.
     */
    default <T> T withHeapLocked(Supplier<T> action) {
        return action.get();
    }

    /**
     * Resets the program as a board's reset would, from any thread (a watchdog's timer): the
     * main program and the threads it started end at their next bytecode boundary or wake-up,
     * and no {@code except} or {@code finally} of the program can hold that up. The run ends as
     * {@code machine.reset()} ends it, and the interpreter's host learns the cause through
     * {@code Interpreter.resetCause()}. Without a running program it does nothing.
     */
    default void resetProgram(String cause) {
        throw Py.runtimeError("no reset");
    }

    /**
     * Runs {@code hook} on the interpreter's thread each time a sleep of the program wakes up
     * to look for interrupts (MicroPython's event poll hook), so that work due at a time, such
     * as a soft timer, happens in step with the program's own sleeps rather than when another
     * thread gets to run. A hook must be quick and may call {@link #schedule}.
     */
    default void addPollHook(Runnable hook) {
    }
}
