package dev.mica.vm.modules;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.mica.code.CompiledModule;
import dev.mica.code.MpyReader;
import dev.mica.module.FileSystemView;
import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Py;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.runtime.PythonThread;
import dev.mica.vm.runtime.Runtime;

/** One interpreter as the modules of other bundles see it. */
final class InterpreterModuleEnvironment implements ModuleEnvironment {
    /** Longest time a sleep goes without looking for interrupts and scheduled callbacks. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** The second byte of a .mpy file of the version this VM reads. */
    private static final byte MPY_VERSION = 6;

    private final BuiltinModules registry;
    private final java.util.List<Runnable> pollHooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    InterpreterModuleEnvironment(BuiltinModules registry) {
        this.registry = registry;
    }

    @Override
    public Path storageRoot() {
        return registry.storageRoot();
    }

    @Override
    public Path resolvePath(String name) {
        return registry.files().resolve(name);
    }

    @Override
    public String currentDirectory() {
        return registry.files().currentDirectory();
    }

    @Override
    public void changeDirectory(String name) {
        registry.files().changeDirectory(name);
    }

    @Override
    public PyObject openFile(Path path, String mode) {
        checkHeapUnlocked();
        return FileStream.open(path, mode, registry.openFiles());
    }

    @Override
    public PyObject fileObject(java.nio.channels.SeekableByteChannel channel, String mode) {
        checkHeapUnlocked();
        return FileStream.wrap(channel, mode, registry.openFiles());
    }

    @Override
    public PyObject unnumberedFileObject(java.nio.channels.SeekableByteChannel channel, String mode) {
        checkHeapUnlocked();
        return FileStream.wrapUnnumbered(channel, mode, registry.openFiles());
    }

    @Override
    public void useFileSystemView(FileSystemView view) {
        registry.useFileSystemView(view);
    }

    @Override
    public FileSystemView fileSystemView() {
        return registry.fileSystemView();
    }

    /** A file object is allocated before the file is opened, so a locked heap fails first. */
    private void checkHeapUnlocked() {
        if (heapLocked()) {
            throw Py.error(dev.mica.obj.PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
    }

    @Override
    public boolean heapLocked() {
        return registry.runtime().heapAccount().isLocked();
    }

    @Override
    public void schedule(PyObject function, PyObject argument) {
        registry.runtime().schedule(function, argument);
    }

    @Override
    public boolean scheduleHard(PyObject function, PyObject argument) {
        return registry.runtime().scheduleHard(function, argument);
    }

    @Override
    public <T> T withHeapLocked(Supplier<T> action) {
        registry.runtime().heapAccount().lock();
        try {
            return action.get();
        } finally {
            registry.runtime().heapAccount().unlock();
        }
    }

    @Override
    public java.util.Map<String, String> environmentVariables() {
        return registry.environmentVariables();
    }

    @Override
    public long heapSize() {
        return registry.heapSize();
    }

    @Override
    public PyObject importModule(String name) {
        return registry.runtime().importForRuntime(name);
    }

    @Override
    public PyModule loadModule(String name, String fileName, byte[] content) {
        Runtime rt = registry.runtime();
        CompiledModule code;
        boolean mpy = content.length > 1 && content[0] == 'M' && content[1] == MPY_VERSION;
        if (mpy) {
            try {
                code = MpyReader.read(content);
            } catch (MpyReader.FormatException e) {
                throw Py.valueError(e.getMessage());
            }
        } else {
            code = rt.compileImported(new String(content, StandardCharsets.UTF_8), fileName);
        }
        PyModule m = new PyModule(name);
        m.globals().putStr("__file__", PyStr.of(fileName));
        registry.loading(name, m);
        try {
            rt.run(code, m.globals(), m.globals(), mpy);
        } finally {
            registry.loading(name, null);
        }
        return m;
    }

    @Override
    public void sleep(long millis) {
        Runtime rt = registry.runtime();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        boolean yielded = false;
        while (true) {
            for (Runnable hook : pollHooks) {
                hook.run();
            }
            checkInterrupts();
            if (deadline - System.nanoTime() <= 0) {
                if (!yielded) {
                    // even a zero sleep lets the program's other threads run
                    rt.yieldInterpreterLock();
                }
                return;
            }
            PythonThread me = rt.currentThread();
            rt.withoutInterpreterLock(() -> {
                long left;
                while ((left = deadline - System.nanoTime()) > 0 && !rt.needsAttention(me)) {
                    LockSupport.parkNanos(Math.min(left, POLL_NANOS));
                    if (Thread.interrupted() && me.isMain()) {
                        rt.requestInterrupt();
                    }
                }
                return null;
            });
            yielded = true;
        }
    }

    @Override
    public void resetProgram(String cause) {
        registry.runtime().requestReset(cause);
    }

    @Override
    public void addPollHook(Runnable hook) {
        pollHooks.add(hook);
    }

    @Override
    public void whenClosed(Runnable action) {
        registry.whenClosed(action);
    }

    @Override
    public <T> T withoutInterpreterLock(Supplier<T> operation) {
        return registry.runtime().withoutInterpreterLock(operation);
    }

    @Override
    public void checkInterrupts() {
        Runtime rt = registry.runtime();
        if (rt.interruptPending) {
            rt.checkInterrupt();
        }
    }
}
