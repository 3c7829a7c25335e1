package dev.mica.emit;

import dev.mica.obj.PyObject;
import dev.mica.vm.bytecode.NativeSupport;

/** What compiled generators need beyond {@link NativeFrame}'s suspend and resume. */
public final class NativeGenerators {
    private NativeGenerators() {}

    /**
     * One step of YIELD_FROM in a compiled generator: whatever a resume threw in goes to the
     * delegate (its throw() or close()), else {@code send} does. Returns the value the delegate
     * yielded, or null once it is done, with its return value in {@code returned[0]}.
     */
    public static PyObject yieldFrom(NativeFrame frame, PyObject target, PyObject send, PyObject[] returned) {
        return NativeSupport.yieldFrom(frame, target, send, returned);
    }
}
