/**
 * Heap accounting: every interpreter charges what it allocates to its own {@link HeapAccount},
 * in sizes close to MicroPython's 64-bit port. A {@link GarbageCollector} service (the gc
 * bundle) traces what is live from the interpreter's {@link HeapRoots} when the charges pass
 * the heap size or {@code gc.threshold}; without one, accounting is unbounded.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.heap;
