package dev.mica.interp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;

/**
 * Lets the JDK forget the record classes it last linked. The {@code equals}, {@code hashCode}
 * and {@code toString} that javac generates for a record are linked by
 * {@link ObjectMethods#bootstrap}, which adapts a few method handles shared by the whole JVM to
 * the record's types; in JDK 17 each of them keeps its last adaptation in a strong cache, so the
 * record class linked last (and with it its bundle's class loader and, through the bundle's
 * wiring, the bundles it imports from) stays reachable after its bundle was updated. Linking
 * the three methods once more for a JDK type replaces those entries. Bundles call this when
 * they are deactivated, after their last record was linked.
 */
public final class RecordMethodCaches {
    private RecordMethodCaches() {
    }

    /** Replaces the JDK's cached adaptations with ones for {@code String}; harmless when it fails. */
    public static void release() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            // a "record" String with one String component: each shared handle is adapted to JDK types
            MethodHandle component = lookup.findVirtual(String.class, "strip", MethodType.methodType(String.class));
            ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, String.class, Object.class),
                    String.class, "value", component);
            ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, String.class), String.class,
                    "value", component);
            ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, String.class),
                    String.class, "value", component);
        } catch (Throwable e) {
            // a JDK without these caches, or one that refuses the call: nothing to release
        }
    }
}
