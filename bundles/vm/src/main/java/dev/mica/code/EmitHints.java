package dev.mica.code;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a function asked to be compiled: its code emitter ({@code @micropython.native},
 * {@code @micropython.viper}, or the module-wide {@code -X emit=} default) and, for viper,
 * the type names its parameters and return value were annotated with. This is what
 * MicroPython's compiler keeps in a scope's emit options and viper type flags; the bytecode
 * itself is the same as for a plain function.
 *
 * @param mode the emitter asked for
 * @param argTypes one entry per parameter (positional, then keyword-only), the annotation's
 *        identifier or null when the parameter has none; empty outside viper
 * @param returnType the return annotation's identifier, or null when there is none
 * @param localNames the name of each local slot (for viper's error messages); may be empty
 */
public record EmitHints(EmitMode mode, List<String> argTypes, String returnType, List<String> localNames) {
    /** Plain bytecode: what every function gets unless a decorator or option says otherwise. */
    public static final EmitHints BYTECODE = new EmitHints(EmitMode.BYTECODE, List.of(), null, List.of());

    public EmitHints {
        // lists that may hold nulls (unannotated parameters, unnamed slots)
        argTypes = Collections.unmodifiableList(new ArrayList<>(argTypes));
        localNames = Collections.unmodifiableList(new ArrayList<>(localNames));
    }

    // equals and hashCode are written out: the ones the compiler generates for records link
    // through java.lang.runtime.ObjectMethods, whose shared method handles (JDK 17) cache the
    // last component type they were adapted to, which would keep this bundle's class loader
    // reachable after the bundle is updated (see docs/architecture.md, "Swapping runtime bundles")
    @Override
    public boolean equals(Object other) {
        return other instanceof EmitHints o && mode == o.mode && argTypes.equals(o.argTypes)
                && java.util.Objects.equals(returnType, o.returnType) && localNames.equals(o.localNames);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mode, argTypes, returnType, localNames);
    }

    @Override
    public String toString() {
        return "EmitHints[mode=" + mode + ", argTypes=" + argTypes + ", returnType=" + returnType + ", localNames="
                + localNames + "]";
    }

    /** The name of local slot {@code i}, or null when unknown. */
    public String localName(int i) {
        return i < localNames.size() ? localNames.get(i) : null;
    }
}
