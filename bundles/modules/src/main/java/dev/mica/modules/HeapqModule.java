package dev.mica.modules;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * The {@code heapq} module: a binary min-heap kept in a list, ordered by {@code <} alone, with
 * MicroPython's three functions (heappush, heappop, heapify).
 */
@Component(service = ModuleProvider.class)
public final class HeapqModule implements ModuleProvider {
    @Override
    public String name() {
        return "heapq";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("heapq");
        m.setAttr("heappush", new PyBuiltinFunction("heappush", 2, 2, false, (a, kw) -> {
            PyList heap = heap(a[0]);
            heap.append(a[1]);
            moveUp(heap, 0, heap.size() - 1);
            return PyNone.NONE;
        }));
        m.setAttr("heappop", new PyBuiltinFunction("heappop", 1, 1, false, (a, kw) -> {
            PyList heap = heap(a[0]);
            if (heap.size() == 0) {
                throw Py.error(PyBaseException.INDEX_ERROR, "empty heap");
            }
            PyObject smallest = heap.get(0);
            PyObject last = heap.remove(heap.size() - 1);
            if (heap.size() > 0) {
                heap.set(0, last);
                moveDown(heap, 0);
            }
            return smallest;
        }));
        m.setAttr("heapify", new PyBuiltinFunction("heapify", 1, 1, false, (a, kw) -> {
            PyList heap = heap(a[0]);
            for (int i = heap.size() / 2 - 1; i >= 0; i--) {
                moveDown(heap, i);
            }
            return PyNone.NONE;
        }));
        return m.seal();
    }

    private static PyList heap(PyObject o) {
        if (o.type() != PyList.TYPE) {
            throw Py.typeError("heap must be a list");
        }
        return (PyList) o;
    }

    /** Moves the item at {@code pos} towards {@code top} while it is smaller than its parent. */
    private static void moveUp(PyList heap, int top, int pos) {
        PyObject item = heap.get(pos);
        while (pos > top) {
            int parent = (pos - 1) / 2;
            if (!Ops.lessThan(item, heap.get(parent))) {
                break;
            }
            heap.set(pos, heap.get(parent));
            pos = parent;
        }
        heap.set(pos, item);
    }

    /**
     * Restores the heap below {@code pos}: the hole walks down to a leaf along the smaller
     * children, then the item moves back up to its place (fewer comparisons than stopping early,
     * and the order of equal items is the one MicroPython and CPython give).
     */
    private static void moveDown(PyList heap, int pos) {
        int top = pos;
        int end = heap.size();
        PyObject item = heap.get(pos);
        for (int child = 2 * pos + 1; child < end; child = 2 * pos + 1) {
            if (child + 1 < end && !Ops.lessThan(heap.get(child), heap.get(child + 1))) {
                child++;
            }
            heap.set(pos, heap.get(child));
            pos = child;
        }
        heap.set(pos, item);
        moveUp(heap, top, pos);
    }
}
