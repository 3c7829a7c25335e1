package dev.mica.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.code.InputKind;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.frozen.FrozenModules;
import dev.mica.vm.modules.ModuleProviders;
import dev.mica.vm.runtime.Runtime;
import dev.mica.vm.runtime.ThreadStop;

/** An interpreter: one runtime, programs run on a thread with a deep stack. */
final class MicaInterpreter implements Interpreter {
    /** Stack for the thread running Python code; deep recursion needs room for many JVM frames. */
    private static final long STACK_SIZE = 512L * 1024 * 1024;

    /** How long closing waits for the program's threads to end. */
    private static final long THREAD_STOP_GRACE_MILLIS = 1000;

    private final Runtime runtime;
    private PyModule main;

    MicaInterpreter(InterpreterConfig config, Supplier<Compiler> compiler, ModuleProviders modules) {
        this(config, compiler, modules, new FrozenModules(), () -> null);
    }

    MicaInterpreter(InterpreterConfig config, Supplier<Compiler> compiler, ModuleProviders modules,
            FrozenModules frozen, Supplier<dev.mica.heap.GarbageCollector> collectors) {
        this.runtime = new Runtime(compiler, config.compileOptions(), config.stdin(), config.stdout(), config.stderr(),
                config.argv(), config.path());
        runtime.configureHeap(config.heapSize(), collectors);
        runtime.builtinModules().configure(config);
        runtime.maxDepth = config.recursionLimit();
        runtime.tierThreshold = config.tierThreshold();
        runtime.setVerbose(config.verbose());
        runtime.builtinModules().useProviders(modules);
        runtime.builtinModules().useFrozenModules(frozen);
        this.main = newMain();
    }

    Runtime runtime() {
        return runtime;
    }

    private PyModule newMain() {
        PyModule m = new PyModule("__main__");
        runtime.modules().putStr("__main__", m);
        return m;
    }

    @Override
    public RunResult runFile(Path script) {
        return onPythonThread(() -> {
            Path dir = script.toAbsolutePath().getParent();
            if (runtime.path().size() > 0) {
                runtime.path().setItem(PyInt.of(0), PyStr.of(dir == null ? "" : dir.toString()));
            } else {
                runtime.path().append(PyStr.of(dir == null ? "" : dir.toString()));
            }
            main = newMain();
            if (!Files.isRegularFile(script)) {
                throw Py.error(PyBaseException.OS_ERROR, "[Errno 2] ENOENT");
            }
            runtime.execFile(main, script);
        });
    }

    @Override
    public RunResult runSource(String source, String sourceFile) {
        return onPythonThread(() -> {
            main = newMain();
            CompiledModule cm = runtime.compile(source, sourceFile, InputKind.FILE);
            runtime.run(cm, main.globals(), main.globals());
        });
    }

    @Override
    public RunResult runModule(String moduleName) {
        return onPythonThread(() -> {
            main = newMain();
            runtime.runAsMain(moduleName, main);
        });
    }

    @Override
    public RunResult runInteractive(String source) {
        if (onlyComments(source)) {
            // as MicroPython's REPL: a line holding just a comment does nothing
            return RunResult.COMPLETED;
        }
        return onPythonThread(() -> {
            CompiledModule cm = runtime.compile(source, "<stdin>", InputKind.SINGLE);
            runtime.run(cm, main.globals(), main.globals());
        });
    }

    private static boolean onlyComments(String source) {
        for (String line : source.split("\n", -1)) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public RunResult runPasted(String source) {
        return onPythonThread(() -> {
            CompiledModule cm = runtime.compile(source, "<stdin>", InputKind.FILE);
            runtime.run(cm, main.globals(), main.globals());
        });
    }

    @Override
    public List<String> completionNames(List<String> attributeChain) {
        AtomicReference<List<String>> names = new AtomicReference<>();
        onPythonThread(() -> names.set(ReplCompletion.names(runtime, main, attributeChain)));
        return names.get();
    }

    @Override
    public List<String> builtinModuleNames() {
        return runtime.builtinModules().names();
    }

    @Override
    public RunResult runAtExit() {
        return onPythonThread(() -> {
            PyObject handler = runtime.sys().exitFunction();
            if (handler != null && runtime.builtins().getStr("callable").call(new PyObject[] {handler}, null).isTrue()) {
                handler.call(Py.NO_ARGS, null);
            }
            if (runtime.verbose() > 0) {
                // as the unix port after a -v run: the memory figures, once the program is over
                runtime.writeOut(new dev.mica.vm.modules.MemoryReport(runtime.heapAccount())
                        .exitText(runtime.depth, runtime.maxDepth));
            }
        });
    }

    @Override
    public boolean isCompleteInput(String source) {
        return !ReplInput.needsContinuation(source);
    }

    @Override
    public String environmentVariable(String name) {
        return runtime.builtinModules().environmentVariables().get(name);
    }

    @Override
    public Path storageRoot() {
        return runtime.builtinModules().storageRoot();
    }

    @Override
    public Path resolvePath(String name) {
        return runtime.builtinModules().resolvePath(name);
    }

    @Override
    public dev.mica.heap.HeapAccount heapAccount() {
        return runtime.heapAccount();
    }

    @Override
    public void interrupt() {
        runtime.requestInterrupt();
    }

    @Override
    public String resetCause() {
        return runtime.resetCause();
    }

    @Override
    public void close() {
        // as the unix port ends its process: threads still running are stopped
        runtime.stopAllThreads(THREAD_STOP_GRACE_MILLIS);
        runtime.flush();
        runtime.builtinModules().close();
    }

    private RunResult onPythonThread(Runnable body) {
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread t = new dev.mica.heap.HeapThread(runtime.heapAccount(), () -> result.set(runGuarded(body)), "mica-python", STACK_SIZE);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                runtime.requestInterrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result.get();
    }

    private RunResult runGuarded(Runnable body) {
        try {
            runtime.beginRun();
        } catch (ThreadStop e) {
            return RunResult.exception();
        }
        runtime.clearInterrupt();
        try {
            body.run();
            // callbacks still queued when the program ends run before it is reported done
            runtime.runScheduled(Runtime.SCHEDULER_DEPTH);
            return RunResult.COMPLETED;
        } catch (PyException e) {
            return uncaught(e.value());
        } catch (StackOverflowError e) {
            return uncaught(PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR, "maximum recursion depth exceeded"));
        } catch (OutOfMemoryError e) {
            runtime.noteJavaFailure(e);
            return uncaught(PyBaseException.withMessage(PyBaseException.MEMORY_ERROR, "memory allocation failed"));
        } catch (RuntimeException e) {
            runtime.noteJavaFailure(e);
            return uncaught(PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR, "internal error: " + e));
        } catch (LinkageError e) {
            // code of a bundle updated or removed under the program
            return uncaught(PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR,
                    "code no longer available (its bundle was updated or removed): " + e.getMessage()));
        } catch (ThreadStop e) {
            if (runtime.takeReset() != null) {
                // a reset asked for by a module (a watchdog): the program ends as machine.reset() ends it
                return RunResult.systemExit(0);
            }
            // the interpreter was closed under the running program
            return RunResult.exception();
        } finally {
            runtime.flush();
            runtime.endRun();
        }
    }

    private RunResult uncaught(PyBaseException exc) {
        runtime.flush();
        if (exc.type().isSubclassOf(PyBaseException.SYSTEM_EXIT)) {
            PyObject v = exc.value();
            int code = 0;
            if (v != PyNone.NONE) {
                code = v instanceof PyInt i && !i.isBig() ? (int) i.value : 1;
            }
            return RunResult.systemExit(code & 0xff);
        }
        try {
            try {
                runtime.writeErr(runtime.formatException(exc));
            } catch (PyException nested) {
                runtime.writeErr(exc.type().name() + ": " + Ops.repr(nested.value()) + "\n");
            }
        } catch (PyException streamGone) {
            // stderr itself failed (a REPL client that went away): the result still stands
        }
        return RunResult.exception();
    }
}
