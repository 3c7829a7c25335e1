package dev.mica.emit;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.mica.vm.bytecode.InlineCallSite;

/**
 * The bootstrap of compiled code's short calls: an {@code invokedynamic} named and typed as one
 * of {@link NativeCallOps}'s methods gets a call site that links itself to the compiled
 * Python function it calls (see the VM's inline call sites), with that method's results and
 * errors.
 */
public final class NativeCallSites {
    private NativeCallSites() {}

    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        return InlineCallSite.of(name, type);
    }
}
