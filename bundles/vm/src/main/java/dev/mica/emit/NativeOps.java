package dev.mica.emit;

import dev.mica.obj.Ops;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PySet;
import dev.mica.obj.PySlice;
import dev.mica.obj.PyTuple;
import dev.mica.vm.bytecode.NativeSupport;

/**
 * The operations of MicroPython's opcodes for compiled code: each is the one the bytecode
 * interpreter performs for the same opcode, so both give the same results and errors.
 */
public final class NativeOps {
    private NativeOps() {}

    public static PyObject binaryOp(int op, PyObject a, PyObject b) {
        return NativeSupport.binaryOp(op, a, b);
    }

    /*
     * Additions, subtractions and comparisons with their small-int case inline. Each is small
     * enough for the JIT to inline into the compiled function, where the constant op folds the
     * switch away; anything else goes to binaryOp, so the results are the interpreter's.
     */

    /** ADD or INPLACE_ADD ({@code op}). */
    public static PyObject add(int op, PyObject a, PyObject b) {
        if (a.getClass() == PyInt.class && b.getClass() == PyInt.class) {
            PyInt x = (PyInt) a;
            PyInt y = (PyInt) b;
            if (x.big == null && y.big == null) {
                long u = x.value;
                long v = y.value;
                long r = u + v;
                if (((u ^ r) & (v ^ r)) >= 0) {
                    return PyInt.of(r);
                }
            }
        }
        return NativeNumbers.add(op, a, b);
    }

    /** SUBTRACT or INPLACE_SUBTRACT ({@code op}). */
    public static PyObject subtract(int op, PyObject a, PyObject b) {
        if (a.getClass() == PyInt.class && b.getClass() == PyInt.class) {
            PyInt x = (PyInt) a;
            PyInt y = (PyInt) b;
            if (x.big == null && y.big == null) {
                long u = x.value;
                long v = y.value;
                long r = u - v;
                if (((u ^ v) & (u ^ r)) >= 0) {
                    return PyInt.of(r);
                }
            }
        }
        return NativeNumbers.subtract(op, a, b);
    }

    public static PyObject unaryOp(int op, PyObject a) {
        return Ops.unary(op, a);
    }

    public static boolean isTrue(PyObject o) {
        return o == PyBool.TRUE || (o != PyBool.FALSE && o.isTrue());
    }

    public static PyObject bool(boolean b) {
        return b ? PyBool.TRUE : PyBool.FALSE;
    }

    public static PyObject loadAttr(PyObject o, String name) {
        return Ops.getAttr(o, name);
    }

    /** STORE_ATTR; a null value deletes the attribute. */
    public static void storeAttr(PyObject o, String name, PyObject value) {
        o.setAttr(name, value);
    }

    /** LOAD_METHOD: {@code pair[0]} the function, {@code pair[1]} self or null. */
    public static void loadMethod(PyObject o, String name, PyObject[] pair) {
        NativeSupport.loadMethod(o, name, pair);
    }

    public static PyObject loadSuperMethod(PyObject type, PyObject self, String name, PyObject[] pair) {
        return NativeSupport.loadSuperMethod(type, self, name, pair);
    }

    /** CALL_FUNCTION: positional arguments then keyword values named by {@code kwNames}. */
    public static PyObject call(PyObject fn, PyObject[] args, String[] kwNames) {
        return NativeSupport.call(fn, args, kwNames);
    }

    /** CALL_METHOD: {@code args[0]} is self, or null when LOAD_METHOD found a plain attribute. */
    public static PyObject callMethod(PyObject fn, PyObject[] args, String[] kwNames) {
        if (args[0] == null) {
            return NativeSupport.callWithoutSelf(fn, args, kwNames);
        }
        return NativeSupport.call(fn, args, kwNames);
    }

    /** The name a keyword argument's name constant stands for. */
    public static String keywordName(PyObject name) {
        return ((dev.mica.obj.PyStr) name).value();
    }

    /** A local read: its value, or NameError when it was never assigned or was deleted. */
    public static PyObject checkBound(PyObject value) {
        if (value == null) {
            throw dev.mica.obj.Py.error(dev.mica.obj.PyBaseException.NAME_ERROR, "local variable referenced before assignment");
        }
        return value;
    }

    /** The value a cell holds (LOAD_DEREF). */
    public static PyObject loadCell(PyObject cell) {
        return checkBound(((dev.mica.obj.PyCell) cell).value);
    }

    /** STORE_DEREF. */
    public static void storeCell(PyObject cell, PyObject value) {
        ((dev.mica.obj.PyCell) cell).value = value;
    }

    /**
     * CALL_FUNCTION_VAR_KW/CALL_METHOD_VAR_KW: {@code items} holds the stack above the function
     * (self if any, positionals, key/value pairs, the star mask).
     */
    public static PyObject callVarKw(PyObject fn, PyObject self, Object[] items, int nPos, int nKw) {
        return NativeSupport.callVarKw(fn, self, items, nPos, nKw);
    }

    public static PyObject getItem(PyObject base, PyObject index) {
        if (index instanceof PyInt i && !i.isBig()) {
            PyObject item = Sequences.itemAt(base, i.value);
            if (item != null) {
                return item;
            }
        }
        return base.getItem(index);
    }

    /** STORE_SUBSCR; a null value deletes the item. */
    public static void setItem(PyObject base, PyObject index, PyObject value) {
        if (value == null) {
            base.delItem(index);
        } else if (!(index instanceof PyInt i && !i.isBig() && Sequences.storeAt(base, i.value, value))) {
            base.setItem(index, value);
        }
    }

    public static PyObject getIter(PyObject o) {
        return Sequences.iterate(o);
    }

    /** The next item, or null at the end. */
    public static PyObject next(PyObject iterator) {
        return Sequences.nextOf(iterator);
    }

    /** UNPACK_SEQUENCE: the items, last first (the order they go onto the stack). */
    public static PyObject[] unpackSequence(PyObject seq, int n) {
        if (seq.getClass() == PyTuple.class) {
            // the common case (a, b = pair) in one small array; every other case and error as the interpreter's
            PyObject[] items = ((PyTuple) seq).items();
            if (items.length == n) {
                PyObject[] out = new PyObject[n];
                for (int i = 0; i < n; i++) {
                    out[n - 1 - i] = items[i];
                }
                return out;
            }
        }
        return NativeSupport.unpackSequence(seq, n);
    }

    /** UNPACK_EX: the items as they go onto the stack (the last first, the starred list, then the first ones). */
    public static PyObject[] unpackEx(PyObject seq, int before, int after) {
        return NativeSupport.unpackEx(seq, before, after);
    }

    public static PyObject buildTuple(PyObject[] items) {
        return new PyTuple(items);
    }

    public static PyObject buildList(PyObject[] items) {
        return new PyList(items.length < 4 ? java.util.Arrays.copyOf(items, 4) : items, items.length);
    }

    public static PyObject buildMap() {
        return new PyDict();
    }

    public static void storeMap(PyObject map, PyObject key, PyObject value) {
        ((PyDict) map).setItem(key, value);
    }

    public static PyObject buildSet(PyObject[] items) {
        PySet s = new PySet(items.length);
        for (PyObject o : items) {
            s.add(o);
        }
        return s;
    }

    public static PyObject buildSlice(PyObject start, PyObject stop, PyObject step) {
        return new PySlice(start, stop, step == null ? PyNone.NONE : step);
    }

    /** STORE_COMP into a list or set. */
    public static void storeComp(PyObject collection, PyObject value) {
        if (collection instanceof PyList l) {
            l.append(value);
        } else {
            ((PySet) collection).add(value);
        }
    }

    /** STORE_COMP into a dict. */
    public static void storeCompMap(PyObject dict, PyObject key, PyObject value) {
        ((PyDict) dict).setItem(key, value);
    }

    /**
     * SETUP_WITH: {@code pair} gets the context manager's {@code __exit__} (function and self);
     * returns what {@code __enter__} gives.
     */
    public static PyObject setupWith(PyObject manager, PyObject[] pair) {
        PyObject[] enter = new PyObject[2];
        NativeSupport.loadMethod(manager, "__exit__", pair);
        NativeSupport.loadMethod(manager, "__enter__", enter);
        return enter[1] == null ? enter[0].call(dev.mica.obj.Py.NO_ARGS, null) : enter[0].call(new PyObject[] {enter[1]}, null);
    }

    /**
     * WITH_CLEANUP after a block left normally ({@code top} is None) or by an exception: calls
     * {@code __exit__}; gives None, or the exception when {@code __exit__} did not swallow it.
     */
    public static PyObject withCleanup(PyObject exitFn, PyObject exitSelf, PyObject top) {
        PyObject none = PyNone.NONE;
        if (top instanceof dev.mica.obj.PyBaseException exc) {
            PyObject[] args = exitSelf == null ? new PyObject[] {exc.type(), exc, none} : new PyObject[] {exitSelf, exc.type(), exc, none};
            return exitFn.call(args, null).isTrue() ? none : exc;
        }
        if (top != none) {
            throw new IllegalStateException("WITH_CLEANUP with a pending return or jump");
        }
        exitFn.call(exitSelf == null ? new PyObject[] {none, none, none} : new PyObject[] {exitSelf, none, none, none}, null);
        return none;
    }

    /**
     * END_FINALLY of a handler entered normally ({@code None}: nothing to do) or for an
     * exception, which is raised again.
     */
    public static void endFinally(PyObject top) {
        if (top instanceof dev.mica.obj.PyBaseException e) {
            throw new PyException(e);
        }
        if (top != PyNone.NONE) {
            throw new IllegalStateException("END_FINALLY with a pending return or jump");
        }
    }

    /** RAISE_LAST: the exception being handled, raised again. */
    public static PyException reraise(PyObject handled) {
        if (handled instanceof dev.mica.obj.PyBaseException e) {
            return new PyException(e);
        }
        return new PyException(dev.mica.obj.PyBaseException.withMessage(dev.mica.obj.PyBaseException.RUNTIME_ERROR,
                "no active exception to reraise"));
    }

    /** RAISE_OBJ: the exception to throw for {@code raise o}. */
    public static PyException raise(PyObject o) {
        return NativeSupport.raise(o);
    }

    public static boolean exceptionMatch(PyObject exception, PyObject pattern) {
        return NativeSupport.exceptionMatch(exception, pattern);
    }
}
