package dev.mica.emit;

import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyList;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyRange;
import dev.mica.obj.PyTuple;

/**
 * Subscripts of lists and tuples by a small int and {@code for} over lists, tuples and ranges:
 * the common cases in compiled code. These helpers are shared by all compiled code, so a
 * virtual call in them sees every type a program uses and the JIT cannot inline it; testing
 * for the common classes first gives it calls it can inline.
 * Anything else (other types, slices, indices out of range and their errors) is left to the
 * object's own methods.
 */
final class Sequences {
    private Sequences() {}

    /** Item {@code i} (negative counts from the end) of a list, tuple, bytearray or bytes; null when the general way must decide. */
    static PyObject itemAt(PyObject base, long i) {
        if (base instanceof PyList l) {
            int n = l.size();
            long k = i < 0 ? i + n : i;
            if (k >= 0 && k < n) {
                return l.get((int) k);
            }
        } else if (base.getClass() == PyTuple.class) {
            PyObject[] items = ((PyTuple) base).items();
            long k = i < 0 ? i + items.length : i;
            if (k >= 0 && k < items.length) {
                return items[(int) k];
            }
        } else if (base.getClass() == PyByteArray.class) {
            return ((PyByteArray) base).byteAt(i);
        } else if (base.getClass() == PyBytes.class) {
            return ((PyBytes) base).byteAt(i);
        }
        return null;
    }

    /** Stores item {@code i} of a list (or a small int into a bytearray) in place; false when the general way must do it. */
    static boolean storeAt(PyObject base, long i, PyObject value) {
        if (base instanceof PyList l) {
            int n = l.size();
            long k = i < 0 ? i + n : i;
            if (k >= 0 && k < n) {
                l.set((int) k, value);
                return true;
            }
        } else if (base.getClass() == PyByteArray.class && value.getClass() == PyInt.class && !((PyInt) value).isBig()) {
            return ((PyByteArray) base).storeByteAt(i, ((PyInt) value).value);
        }
        return false;
    }

    /** GET_ITER: {@code o.iter()}, with the common classes tested first. */
    static PyObject iterate(PyObject o) {
        if (o instanceof PyRange r) {
            return r.iter();
        }
        if (o instanceof PyList l) {
            return l.iter();
        }
        if (o.getClass() == PyTuple.class) {
            return ((PyTuple) o).iter(); // an exact class: a call the JIT can bind
        }
        return o.iter();
    }

    /** FOR_ITER: {@code iterator.next()}, with the iterators of ranges, lists and tuples tested first. */
    static PyObject nextOf(PyObject iterator) {
        if (iterator instanceof PyIterators.RangeIterator r) {
            return r.next();
        }
        if (iterator instanceof PyIterators.ListIterator l) {
            return l.next();
        }
        if (iterator instanceof PyIterators.ArrayIterator a) {
            return a.next();
        }
        return iterator.next();
    }
}
