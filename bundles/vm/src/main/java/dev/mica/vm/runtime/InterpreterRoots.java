package dev.mica.vm.runtime;

import dev.mica.heap.HeapRoots;
import dev.mica.heap.HeapVisitor;

/**
 * What a trace of one interpreter's heap starts from: sys.modules (and so every module's
 * globals), builtins, the built-in modules made so far, sys.path, the frames running in each of
 * its threads (locals and value stacks, so temporaries count), the exception being handled and
 * callbacks queued by micropython.schedule.
 */
final class InterpreterRoots implements HeapRoots {
    private final Runtime runtime;

    InterpreterRoots(Runtime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void visitRoots(HeapVisitor visitor) {
        visitor.visit(runtime.modules());
        visitor.visit(runtime.builtins());
        visitor.visit(runtime.path());
        visitor.visit(runtime.sys().module());
        for (dev.mica.obj.PyModule m : runtime.builtinModules().madeModules()) {
            visitor.visit(m);
        }
        visitor.visit(runtime.handledException);
        runtime.visitFrames(visitor);
        runtime.visitScheduled(visitor);
    }
}
