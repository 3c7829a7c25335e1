package dev.mica.vm.bytecode;

import java.util.Map;

import dev.mica.code.Opcodes;
import dev.mica.obj.HeapBudget;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyCell;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PySet;
import dev.mica.obj.PySlice;
import dev.mica.obj.PyStr;
import dev.mica.obj.PySuper;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;
import dev.mica.vm.runtime.Runtime;

/** The bytecode interpreter loop. */
public final class VirtualMachine {
    private VirtualMachine() {}

    /** The small int a finally block finds on the stack when it runs for a pending return (as MicroPython). */
    private static final PyInt RETURN_MARKER = PyInt.of(-1);

    /** Runs a function frame to completion, counting recursion depth. */
    static PyObject runFunction(Frame f) {
        Runtime rt = f.runtime;
        int d = ++rt.depth;
        if (d > rt.maxDepth) {
            rt.depth--;
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
        enterFrameSlots(rt, f);
        Object[] frames = rt.frames;
        (d < frames.length ? frames : rt.growFrames(d))[d] = f;
        PyDict saved = rt.currentGlobals;
        PyDict savedLocals = rt.currentLocals;
        rt.currentGlobals = f.globals;
        rt.currentLocals = f.locals;
        try {
            return (PyObject) execute(f, null);
        } catch (StackOverflowError e) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        } finally {
            rt.frames[rt.depth--] = null;
            rt.frameSlots -= f.code.nState;
            rt.currentGlobals = saved;
            rt.currentLocals = savedLocals;
        }
    }

    /**
     * Counts a frame's state against the heap budget while it runs, as MicroPython allocates
     * big frames from its heap: recursion of functions whose prelude asks for a large state
     * (a .mpy file says how large) ends in MemoryError, not in the JVM running out of memory.
     */
    static void enterFrameSlots(Runtime rt, Frame f) {
        long slots = rt.frameSlots + f.code.nState;
        if (slots > HeapBudget.heapBytes() / FRAME_SLOT_BYTES) {
            rt.depth--;
            throw HeapBudget.outOfMemory(f.code.nState * FRAME_SLOT_BYTES);
        }
        rt.frameSlots = slots;
    }

    /** Bytes a frame slot takes in MicroPython's heap (a 32-bit port's word, the lenient choice). */
    private static final long FRAME_SLOT_BYTES = 4;

    /** Runs top-level code (module or exec) in the given namespaces. */
    public static PyObject runModuleCode(CodeInfo code, Runtime rt, PyDict globals, PyDict locals) {
        Frame f = new Frame(code, rt, globals, locals);
        return runFunction(f);
    }

    static PyObject resume(Frame f, PyObject inject) {
        Runtime rt = f.runtime;
        int d = ++rt.depth;
        if (d > rt.maxDepth) {
            rt.depth--;
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
        enterFrameSlots(rt, f);
        Object[] frames = rt.frames;
        (d < frames.length ? frames : rt.growFrames(d))[d] = f;
        PyDict saved = rt.currentGlobals;
        rt.currentGlobals = f.globals;
        try {
            return (PyObject) execute(f, inject);
        } catch (StackOverflowError e) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        } finally {
            rt.frames[rt.depth--] = null;
            rt.frameSlots -= f.code.nState;
            rt.currentGlobals = saved;
        }
    }

    /** The exception object to raise for {@code raise x}. */
    static PyBaseException makeRaiseObject(PyObject o) {
        if (o instanceof PyType t && t.isSubclassOf(PyBaseException.BASE_EXCEPTION)) {
            o = t.call(Py.NO_ARGS, null);
        }
        if (o instanceof PyBaseException e) {
            return e;
        }
        return PyBaseException.withMessage(PyBaseException.TYPE_ERROR, "exceptions must derive from BaseException");
    }

    private static PyException nameError(String name) {
        return Py.error(PyBaseException.NAME_ERROR, "name '" + name + "' isn't defined");
    }

    private static PyException unboundLocal() {
        return Py.error(PyBaseException.NAME_ERROR, "local variable referenced before assignment");
    }

    /** LOAD_METHOD: {@code st[at]} = function, {@code st[at+1]} = self or null. */
    static void loadMethod(PyObject obj, String name, Object[] st, int at) {
        if (!(obj instanceof PyType) && !(obj instanceof PyModule)) {
            PyType t = obj.type();
            PyObject m = t.lookup(name);
            if (m != null && m.isMethodFunction()) {
                if (!(obj instanceof PyInstance inst) || !inst.dict().containsKey(name)) {
                    st[at] = m;
                    st[at + 1] = obj;
                    return;
                }
            }
        }
        st[at] = Ops.getAttr(obj, name);
        st[at + 1] = null;
    }

    /** LOAD_ATTR: an instance's own attribute straight from its dict when the class allows it. */
    static PyObject loadAttr(PyObject obj, String name, AttributeCache[] caches, int slot) {
        if (obj.getClass() == PyInstance.class) {
            PyInstance inst = (PyInstance) obj;
            AttributeCache cache = AttributeCache.lookup(caches, slot, inst.type(), name);
            if (!cache.dataDescriptor) {
                PyObject v = inst.ownAttribute(name);
                if (v != null) {
                    return v;
                }
                if (cache.inType != null) {
                    // what PyInstance.getAttr gives for a class attribute that is no data descriptor
                    return PyType.bindToInstance(cache.inType, inst, inst.type());
                }
            }
        } else if (obj instanceof PyType t) {
            // a class attribute read through the class (Done.SOME_CONSTANT): PyType.getAttr's first step
            PyObject v = AttributeCache.lookup(caches, slot, t, name).inType;
            if (v != null && !(v instanceof dev.mica.obj.PyDescriptors.StaticMethod) && !(v instanceof dev.mica.obj.PyDescriptors.ClassMethod)) {
                return v;
            }
        } else if (obj instanceof PyModule m) {
            PyObject v = AttributeCache.moduleAttribute(caches, slot, m, name);
            if (v != null) {
                return v;
            }
        }
        return Ops.getAttr(obj, name);
    }

    /** STORE_ATTR: straight into an instance's dict when no descriptor or __setattr__ intervenes. */
    static void storeAttr(PyObject obj, String name, PyObject value, AttributeCache[] caches, int slot) {
        // a null value is "del obj.name" (compiled as a store of NULL), always the general way
        if (value != null && obj.getClass() == PyInstance.class) {
            PyInstance inst = (PyInstance) obj;
            AttributeCache cache = AttributeCache.lookup(caches, slot, inst.type(), name);
            if (cache.plainStore) {
                inst.putOwnAttribute(name, value);
                return;
            }
        }
        obj.setAttr(name, value);
    }

    /** LOAD_METHOD with the class lookup remembered by the instruction's cache. */
    static void loadMethodCached(PyObject obj, String name, Object[] st, int at, AttributeCache[] caches, int slot) {
        if (obj instanceof PyModule m) {
            // a module's function (math.sqrt): called without self, as Ops.getAttr would give it
            PyObject v = AttributeCache.moduleAttribute(caches, slot, m, name);
            if (v != null) {
                st[at] = v;
                st[at + 1] = null;
                return;
            }
        } else if (!(obj instanceof PyType)) {
            PyObject m = AttributeCache.lookup(caches, slot, obj.type(), name).inType;
            if (m != null && m.isMethodFunction()) {
                if (!(obj instanceof PyInstance inst) || inst.ownAttribute(name) == null) {
                    st[at] = m;
                    st[at + 1] = obj;
                    return;
                }
            }
        }
        st[at] = Ops.getAttr(obj, name);
        st[at + 1] = null;
    }

    private static PyObject loadName(Frame f, String name, PyStr key) {
        PyObject v;
        if (f.locals != null) {
            v = f.locals.get(key);
            if (v != null) {
                return v;
            }
        }
        v = f.globals.get(key);
        if (v != null) {
            return v;
        }
        v = f.runtime.builtins().get(key);
        if (v != null) {
            return v;
        }
        throw nameError(name);
    }

    static PyObject call(Object[] st, int base, int nPos, int nKw, PyObject fn, PyObject self) {
        int selfCount = self == null ? 0 : 1;
        if (nKw == 0 && fn instanceof PyFunction pf && pf.simpleCall(nPos + selfCount)) {
            return pf.callFromStack(st, base, nPos, self);
        }
        PyObject[] args = new PyObject[selfCount + nPos + nKw];
        if (self != null) {
            args[0] = self;
        }
        for (int i = 0; i < nPos; i++) {
            args[selfCount + i] = (PyObject) st[base + i];
        }
        String[] kw = null;
        if (nKw > 0) {
            kw = new String[nKw];
            for (int i = 0; i < nKw; i++) {
                kw[i] = ((PyStr) st[base + nPos + 2 * i]).value();
                args[selfCount + nPos + i] = (PyObject) st[base + nPos + 2 * i + 1];
            }
        }
        return fn.call(args, kw);
    }

    static PyObject callVarKw(Object[] st, int base, int nPos, int nKw, PyObject fn, PyObject self) {
        long starMask = ((PyInt) st[base + nPos + 2 * nKw]).value;
        PyList pos = new PyList();
        if (self != null) {
            pos.append(self);
        }
        for (int i = 0; i < nPos; i++) {
            PyObject a = (PyObject) st[base + i];
            if (((starMask >> i) & 1) != 0) {
                for (PyObject x : Ops.toArray(a)) {
                    pos.append(x);
                }
            } else {
                pos.append(a);
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<PyObject> values = new java.util.ArrayList<>();
        for (int i = 0; i < nKw; i++) {
            Object key = st[base + nPos + 2 * i];
            PyObject value = (PyObject) st[base + nPos + 2 * i + 1];
            if (key == null) {
                if (value instanceof PyDict d) {
                    for (Map.Entry<PyObject, PyObject> e : d.map().entrySet()) {
                        if (!(e.getKey() instanceof PyStr ks)) {
                            throw Py.typeError("keywords must be strings");
                        }
                        names.add(ks.asName());
                        values.add(e.getValue());
                    }
                } else {
                    PyObject keys = Ops.getAttr(value, "keys").call(Py.NO_ARGS, null);
                    for (PyObject k : Ops.toArray(keys)) {
                        if (!(k instanceof PyStr ks)) {
                            throw Py.typeError("keywords must be strings");
                        }
                        names.add(ks.asName());
                        values.add(value.getItem(k));
                    }
                }
            } else {
                names.add(((PyStr) key).value());
                values.add(value);
            }
        }
        PyObject[] args = new PyObject[pos.size() + values.size()];
        for (int i = 0; i < pos.size(); i++) {
            args[i] = pos.get(i);
        }
        for (int i = 0; i < values.size(); i++) {
            args[pos.size() + i] = values.get(i);
        }
        return fn.call(args, names.isEmpty() ? null : names.toArray(new String[0]));
    }

    static void unpackSequence(PyObject seq, int n, Object[] st, int sp) {
        PyObject[] items;
        if (seq instanceof PyTuple t) {
            items = t.items();
        } else if (seq instanceof PyList l) {
            items = l.toArray();
        } else {
            PyObject it = seq.iter();
            items = new PyObject[n];
            for (int i = 0; i < n; i++) {
                PyObject x = it.next();
                if (x == null) {
                    throw Py.valueError("need more than " + i + " values to unpack");
                }
                items[i] = x;
            }
            if (it.next() != null) {
                throw Py.valueError("too many values to unpack (expected " + n + ")");
            }
        }
        if (items.length < n) {
            throw Py.valueError("need more than " + items.length + " values to unpack");
        }
        if (items.length > n) {
            throw Py.valueError("too many values to unpack (expected " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            st[sp + n - 1 - i] = items[i];
        }
    }

    static void unpackEx(PyObject seq, int before, int after, Object[] st, int sp) {
        PyObject[] items = Ops.toArray(seq);
        if (items.length < before + after) {
            throw Py.valueError("need more than " + items.length + " values to unpack");
        }
        int k = sp;
        for (int i = items.length - 1; i >= items.length - after; i--) {
            st[k++] = items[i];
        }
        PyList middle = new PyList();
        for (int i = before; i < items.length - after; i++) {
            middle.append(items[i]);
        }
        st[k++] = middle;
        for (int i = before - 1; i >= 0; i--) {
            st[k++] = items[i];
        }
    }

    static PyObject makeFunction(Frame f, CodeInfo child, PyObject defaults, PyObject kwDefaults, PyObject[] closed) {
        PyObject[] defs = defaults instanceof PyTuple t ? t.items() : null;
        PyDict kwd = kwDefaults instanceof PyDict d ? d : null;
        return new PyFunction(child, f.runtime, f.globals, defs, kwd, closed);
    }

    static PyObject binaryOp(int op, PyObject a, PyObject b) {
        if (a.getClass() == PyInt.class && b.getClass() == PyInt.class) {
            PyInt x = (PyInt) a;
            PyInt y = (PyInt) b;
            if (x.big == null && y.big == null) {
                long u = x.value;
                long v = y.value;
                // the commonest operations inline; the rest (and overflow) in PyInt
                switch (op) {
                    case Opcodes.BinaryOp.ADD:
                    case Opcodes.BinaryOp.INPLACE_ADD: {
                        long r = u + v;
                        if (((u ^ r) & (v ^ r)) >= 0) {
                            return PyInt.of(r);
                        }
                        break;
                    }
                    case Opcodes.BinaryOp.SUBTRACT:
                    case Opcodes.BinaryOp.INPLACE_SUBTRACT: {
                        long r = u - v;
                        if (((u ^ v) & (u ^ r)) >= 0) {
                            return PyInt.of(r);
                        }
                        break;
                    }
                    case Opcodes.BinaryOp.LESS:
                        return u < v ? PyBool.TRUE : PyBool.FALSE;
                    case Opcodes.BinaryOp.MORE:
                        return u > v ? PyBool.TRUE : PyBool.FALSE;
                    case Opcodes.BinaryOp.LESS_EQUAL:
                        return u <= v ? PyBool.TRUE : PyBool.FALSE;
                    case Opcodes.BinaryOp.MORE_EQUAL:
                        return u >= v ? PyBool.TRUE : PyBool.FALSE;
                    case Opcodes.BinaryOp.EQUAL:
                        return u == v ? PyBool.TRUE : PyBool.FALSE;
                    case Opcodes.BinaryOp.NOT_EQUAL:
                        return u != v ? PyBool.TRUE : PyBool.FALSE;
                    default:
                        break;
                }
                PyObject r = PyInt.smallOp(op, u, v);
                if (r != null) {
                    return r;
                }
            }
        }
        return Ops.binary(op, a, b);
    }

    /**
     * Runs (or resumes) a frame. Returns the return value, or the yielded value with
     * {@code f.yielded} set.
     */
    static Object execute(Frame f, PyObject injectIn) {
        final CodeInfo c = f.code;
        final int[] code = c.code;
        final Object[] st = f.state;
        final String[] names = c.module.names;
        final PyStr[] nameObjs = c.module.nameObjects;
        final PyObject[] lits = c.literals;
        final int nState = c.nState;
        final Runtime rt = f.runtime;
        int ip = f.ip;
        int sp = f.sp;
        int pc = ip;
        PyObject inject = injectIn;
        f.yielded = false;
        for (;;) {
            try {
                if (inject != null) {
                    PyObject e = inject;
                    if (code[ip] != DispatchCodes.YIELD_FROM) {
                        inject = null;
                        pc = ip;
                        throw new PyException(makeRaiseObject(e));
                    }
                }
                for (;;) {
                    pc = ip;
                    int op = code[ip];
                    int arg = code[ip + 1];
                    ip += 3;
                    switch (op) {
                        case DispatchCodes.LOAD_LITERAL:
                            st[++sp] = lits[arg];
                            break;
                        case DispatchCodes.LOAD_CONST_FALSE:
                            st[++sp] = PyBool.FALSE;
                            break;
                        case DispatchCodes.LOAD_CONST_NONE:
                            st[++sp] = PyNone.NONE;
                            break;
                        case DispatchCodes.LOAD_CONST_TRUE:
                            st[++sp] = PyBool.TRUE;
                            break;
                        case DispatchCodes.LOAD_NULL:
                            st[++sp] = null;
                            break;
                        case DispatchCodes.LOAD_FAST_N: {
                            Object v = st[nState - 1 - arg];
                            if (v == null) {
                                throw unboundLocal();
                            }
                            st[++sp] = v;
                            break;
                        }
                        case DispatchCodes.STORE_FAST_N:
                            st[nState - 1 - arg] = st[sp];
                            st[sp--] = null;
                            break;
                        case DispatchCodes.LOAD_DEREF: {
                            PyObject v = ((PyCell) st[nState - 1 - arg]).value;
                            if (v == null) {
                                throw unboundLocal();
                            }
                            st[++sp] = v;
                            break;
                        }
                        case DispatchCodes.STORE_DEREF:
                            ((PyCell) st[nState - 1 - arg]).value = (PyObject) st[sp--];
                            break;
                        case DispatchCodes.LOAD_GLOBAL: {
                            PyObject v = c.module.globalCache.get(arg, nameObjs[arg], f.globals, rt.builtins());
                            if (v == null) {
                                throw nameError(names[arg]);
                            }
                            st[++sp] = v;
                            break;
                        }
                        case DispatchCodes.LOAD_ATTR:
                            st[sp] = loadAttr((PyObject) st[sp], names[arg], c.attributeCaches, pc / 3);
                            break;
                        case DispatchCodes.LOAD_METHOD:
                            loadMethodCached((PyObject) st[sp], names[arg], st, sp, c.attributeCaches, pc / 3);
                            sp++;
                            break;
                        case DispatchCodes.STORE_ATTR:
                            storeAttr((PyObject) st[sp], names[arg], (PyObject) st[sp - 1], c.attributeCaches, pc / 3);
                            st[sp] = null;
                            st[sp - 1] = null;
                            sp -= 2;
                            break;
                        case DispatchCodes.LOAD_SUBSCR: {
                            PyObject index = (PyObject) st[sp--];
                            PyObject base = (PyObject) st[sp];
                            if (base instanceof PyList l && index instanceof PyInt i && !i.isBig() && i.value >= 0 && i.value < l.size()) {
                                st[sp] = l.get((int) i.value);
                            } else {
                                st[sp] = base.getItem(index);
                            }
                            break;
                        }
                        case DispatchCodes.STORE_SUBSCR: {
                            PyObject base = (PyObject) st[sp - 1];
                            PyObject value = (PyObject) st[sp - 2];
                            if (value == null) {
                                base.delItem((PyObject) st[sp]);
                            } else {
                                base.setItem((PyObject) st[sp], value);
                            }
                            sp -= 3;
                            break;
                        }
                        case DispatchCodes.DUP_TOP:
                            st[sp + 1] = st[sp];
                            sp++;
                            break;
                        case DispatchCodes.POP_TOP:
                            st[sp--] = null;
                            break;
                        case DispatchCodes.ROT_TWO: {
                            Object t = st[sp];
                            st[sp] = st[sp - 1];
                            st[sp - 1] = t;
                            break;
                        }
                        case DispatchCodes.JUMP:
                            if (arg < ip) {
                                if (rt.interruptPending) {
                                    rt.checkInterrupt();
                                }
                                c.heat++;
                            }
                            ip = arg;
                            break;
                        case DispatchCodes.POP_JUMP_IF_TRUE: {
                            Object v = st[sp];
                            st[sp--] = null;
                            if (v == PyBool.TRUE || (v != PyBool.FALSE && ((PyObject) v).isTrue())) {
                                if (arg < ip) {
                                    if (rt.interruptPending) {
                                        rt.checkInterrupt();
                                    }
                                    c.heat++;
                                }
                                ip = arg;
                            }
                            break;
                        }
                        case DispatchCodes.POP_JUMP_IF_FALSE: {
                            Object v = st[sp];
                            st[sp--] = null;
                            if (v == PyBool.FALSE || (v != PyBool.TRUE && !((PyObject) v).isTrue())) {
                                if (arg < ip && rt.interruptPending) {
                                    rt.checkInterrupt();
                                }
                                ip = arg;
                            }
                            break;
                        }
                        case DispatchCodes.JUMP_IF_TRUE_OR_POP:
                            if (((PyObject) st[sp]).isTrue()) {
                                ip = arg;
                            } else {
                                st[sp--] = null;
                            }
                            break;
                        case DispatchCodes.JUMP_IF_FALSE_OR_POP:
                            if (!((PyObject) st[sp]).isTrue()) {
                                ip = arg;
                            } else {
                                st[sp--] = null;
                            }
                            break;
                        case DispatchCodes.UNWIND_JUMP: {
                            st[++sp] = Integer.valueOf(arg);
                            st[++sp] = PyInt.of(code[pc + 2]);
                            ip = unwindJump(f, st, sp, pc);
                            sp = f.sp;
                            if (rt.interruptPending) {
                                rt.checkInterrupt();
                            }
                            break;
                        }
                        case DispatchCodes.END_FINALLY: {
                            f.excTop--;
                            Object top = st[sp];
                            if (top == PyNone.NONE) {
                                st[sp--] = null;
                            } else if (top instanceof PyInt cause && !(top instanceof PyBool)) {
                                sp--;
                                if (cause.value < 0) {
                                    int r = unwindReturn(f, st, sp, pc);
                                    if (r < 0) {
                                        PyObject result = (PyObject) st[f.sp];
                                        finish(f);
                                        return result;
                                    }
                                    ip = r;
                                    sp = f.sp;
                                } else {
                                    st[++sp] = cause;
                                    ip = unwindJump(f, st, sp, pc);
                                    sp = f.sp;
                                }
                            } else {
                                throw new PyException((PyBaseException) top);
                            }
                            break;
                        }
                        case DispatchCodes.POP_EXCEPT_JUMP:
                            f.excTop--;
                            rt.handledException = null;
                            ip = arg;
                            break;
                        case DispatchCodes.GET_ITER_STACK: {
                            // the four iterator slots: null, the iterator, two unused (MicroPython's iter buffer)
                            PyObject it = ((PyObject) st[sp]).iter();
                            st[sp] = null;
                            st[sp + 1] = it;
                            sp += 3;
                            break;
                        }
                        case DispatchCodes.FOR_ITER: {
                            PyObject v = ((PyObject) st[sp - 2]).next();
                            if (v == null) {
                                st[sp - 2] = null;
                                sp -= 4;
                                ip = arg;
                            } else {
                                st[++sp] = v;
                            }
                            break;
                        }
                        case DispatchCodes.BUILD_TUPLE: {
                            PyObject[] items = new PyObject[arg];
                            sp -= arg - 1;
                            for (int i = 0; i < arg; i++) {
                                items[i] = (PyObject) st[sp + i];
                                st[sp + i] = null;
                            }
                            st[sp] = new PyTuple(items);
                            break;
                        }
                        case DispatchCodes.CALL_FUNCTION: {
                            int nPos = arg & 0xff;
                            int nKw = (arg >> 8) & 0xff;
                            sp -= nPos + 2 * nKw;
                            if (rt.interruptPending) {
                                rt.checkInterrupt();
                            }
                            st[sp] = call(st, sp + 1, nPos, nKw, (PyObject) st[sp], null);
                            clear(st, sp + 1, nPos + 2 * nKw);
                            break;
                        }
                        case DispatchCodes.CALL_METHOD: {
                            int nPos = arg & 0xff;
                            int nKw = (arg >> 8) & 0xff;
                            sp -= nPos + 2 * nKw + 1;
                            if (rt.interruptPending) {
                                rt.checkInterrupt();
                            }
                            st[sp] = call(st, sp + 2, nPos, nKw, (PyObject) st[sp], (PyObject) st[sp + 1]);
                            clear(st, sp + 1, nPos + 2 * nKw + 1);
                            break;
                        }
                        case DispatchCodes.RETURN_VALUE: {
                            int r = -1;
                            if (f.excTop >= 0) {
                                r = unwindReturn(f, st, sp, pc);
                                sp = f.sp;
                            }
                            if (r < 0) {
                                PyObject result = (PyObject) st[sp];
                                finish(f);
                                return result;
                            }
                            ip = r;
                            break;
                        }
                        case DispatchCodes.RAISE_LAST: {
                            PyBaseException last = null;
                            for (int i = f.excTop; i >= 0; i--) {
                                if (f.excPrev[i] != null) {
                                    last = f.excPrev[i];
                                    break;
                                }
                            }
                            if (last == null) {
                                last = PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR, "no active exception to reraise");
                            }
                            throw new PyException(last);
                        }
                        case DispatchCodes.RAISE_OBJ:
                            throw new PyException(makeRaiseObject((PyObject) st[sp]));
                        case DispatchCodes.RAISE_FROM:
                            if (st[sp] != PyNone.NONE) {
                                rt.writeErr("Warning: exception chaining not supported\n");
                            }
                            sp--;
                            throw new PyException(makeRaiseObject((PyObject) st[sp]));
                        case DispatchCodes.YIELD_VALUE:
                            f.ip = ip;
                            f.sp = sp;
                            f.yielded = true;
                            return st[sp];
                        case DispatchCodes.YIELD_FROM: {
                            PyObject send = (PyObject) st[sp--];
                            PyObject target = (PyObject) st[sp];
                            PyObject thrown = inject;
                            inject = null;
                            Object[] result = delegate(target, send, thrown);
                            if (result[0] == Boolean.TRUE) {
                                f.ip = pc;
                                st[++sp] = result[1];
                                f.sp = sp;
                                f.yielded = true;
                                return result[1];
                            }
                            st[sp] = result[1];
                            if (thrown != null && matchesGeneratorExit(thrown)) {
                                throw new PyException(makeRaiseObject(thrown));
                            }
                            break;
                        }
                        case DispatchCodes.UNARY_OP:
                            st[sp] = Ops.unary(arg, (PyObject) st[sp]);
                            break;
                        case DispatchCodes.BINARY_OP: {
                            PyObject rhs = (PyObject) st[sp];
                            st[sp--] = null;
                            PyObject lhs = (PyObject) st[sp];
                            if (arg == Opcodes.BinaryOp.EXCEPTION_MATCH) {
                                st[sp] = Py.bool(exceptionMatch(lhs, rhs));
                            } else {
                                st[sp] = binaryOp(arg, lhs, rhs);
                            }
                            break;
                        }
                        default:
                            sp = lessCommonOp(f, op, arg, pc, st, sp);
                            break;
                    }
                }
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError thrown) {
                PyException e = thrown instanceof PyException p ? p : internalError(f, thrown);
                PyBaseException exc = e.value();
                int op = code[pc];
                if (op != DispatchCodes.END_FINALLY && op != DispatchCodes.RAISE_LAST && exc != null) {
                    exc.addTraceback(c.sourceFile(), c.lineOf(pc), c.name);
                }
                while (f.excTop >= 0 && f.excHandler[f.excTop] <= pc) {
                    f.excTop--;
                }
                if (f.excTop >= 0 && f.excSp[f.excTop] >= -1 && f.excSp[f.excTop] < nState) {
                    // (a block stored with its stack pointer out of the frame, by malformed bytecode, is not entered)
                    int top = f.excTop;
                    ip = f.excHandler[top];
                    sp = f.excSp[top];
                    f.excPrev[top] = exc;
                    rt.handledException = exc;
                    st[++sp] = exc;
                    continue;
                }
                finish(f);
                throw e;
            }
        }
    }

    /**
     * The opcodes that are not on the hot paths of loops and calls, kept out of {@link #execute}
     * so that the JIT compiles the loop quickly and well. Returns the new stack pointer.
     */
    private static int lessCommonOp(Frame f, int op, int arg, int pc, Object[] st, int sp) {
        final CodeInfo c = f.code;
        final int[] code = c.code;
        final String[] names = c.module.names;
        final PyStr[] nameObjs = c.module.nameObjects;
        final int nState = c.nState;
        final Runtime rt = f.runtime;
        switch (op) {
            case Opcodes.DELETE_FAST:
                if (st[nState - 1 - arg] == null) {
                    throw unboundLocal();
                }
                st[nState - 1 - arg] = null;
                break;
            case Opcodes.DELETE_DEREF: {
                PyCell cell = (PyCell) st[nState - 1 - arg];
                if (cell.value == null) {
                    throw unboundLocal();
                }
                cell.value = null;
                break;
            }
            case Opcodes.LOAD_NAME:
                st[++sp] = loadName(f, names[arg], nameObjs[arg]);
                break;
            case Opcodes.STORE_NAME:
                (f.locals != null ? f.locals : f.globals).put(nameObjs[arg], (PyObject) st[sp]);
                st[sp--] = null;
                break;
            case Opcodes.STORE_GLOBAL:
                c.module.globalCache.put(arg, nameObjs[arg], f.globals, (PyObject) st[sp]);
                st[sp--] = null;
                break;
            case Opcodes.DELETE_NAME:
                if ((f.locals != null ? f.locals : f.globals).map().remove(nameObjs[arg]) == null) {
                    throw nameError(names[arg]);
                }
                break;
            case Opcodes.DELETE_GLOBAL:
                if (f.globals.map().remove(nameObjs[arg]) == null) {
                    throw nameError(names[arg]);
                }
                break;
            case Opcodes.LOAD_SUPER_METHOD: {
                sp--;
                PySuper sup = new PySuper((PyType) st[sp], (PyObject) st[sp + 1]);
                PyObject m = sup.lookup(names[arg]);
                if (m != null && m.isMethodFunction()) {
                    st[sp - 1] = m;
                    st[sp] = sup.self();
                } else {
                    PyObject v = sup.getAttr(names[arg]);
                    if (v == null) {
                        throw Py.attributeError("'super' object has no attribute '" + names[arg] + "'");
                    }
                    st[sp - 1] = v;
                    st[sp] = null;
                }
                st[sp + 1] = null;
                break;
            }
            case Opcodes.LOAD_BUILD_CLASS:
                st[++sp] = rt.buildClass();
                break;
            case Opcodes.DUP_TOP_TWO:
                st[sp + 1] = st[sp - 1];
                st[sp + 2] = st[sp];
                sp += 2;
                break;
            case Opcodes.ROT_THREE: {
                Object t = st[sp];
                st[sp] = st[sp - 1];
                st[sp - 1] = st[sp - 2];
                st[sp - 2] = t;
                break;
            }
            case Opcodes.SETUP_WITH: {
                PyObject obj = (PyObject) st[sp];
                loadMethod(obj, "__exit__", st, sp);
                loadMethod(obj, "__enter__", st, sp + 2);
                PyObject enter = (PyObject) st[sp + 2];
                PyObject enterSelf = (PyObject) st[sp + 3];
                PyObject ret = enterSelf == null ? enter.call(Py.NO_ARGS, null) : enter.call(new PyObject[] {enterSelf}, null);
                st[sp + 2] = null;
                st[sp + 3] = null;
                sp += 1;
                pushBlock(f, arg, sp, true);
                st[++sp] = ret;
                break;
            }
            case Opcodes.WITH_CLEANUP: {
                Object top = st[sp];
                if (top == PyNone.NONE) {
                    callExit(st, sp - 2, PyNone.NONE, PyNone.NONE, PyNone.NONE);
                    sp -= 2;
                    st[sp] = PyNone.NONE;
                    st[sp + 1] = null;
                    st[sp + 2] = null;
                } else if (top instanceof PyInt && !(top instanceof PyBool)) {
                    Object data = st[sp - 1];
                    Object cause = st[sp];
                    callExit(st, sp - 3, PyNone.NONE, PyNone.NONE, PyNone.NONE);
                    st[sp - 3] = data;
                    st[sp - 2] = cause;
                    st[sp - 1] = null;
                    st[sp] = null;
                    sp -= 2;
                } else {
                    PyBaseException exc = (PyBaseException) top;
                    PyObject r = callExit(st, sp - 2, exc.type(), exc, PyNone.NONE);
                    sp -= 2;
                    st[sp] = r.isTrue() ? PyNone.NONE : exc;
                    st[sp + 1] = null;
                    st[sp + 2] = null;
                }
                break;
            }
            case Opcodes.SETUP_EXCEPT:
                pushBlock(f, arg, sp, false);
                break;
            case Opcodes.SETUP_FINALLY:
                pushBlock(f, arg, sp, true);
                break;
            case Opcodes.GET_ITER:
                st[sp] = ((PyObject) st[sp]).iter();
                break;
            case Opcodes.BUILD_LIST: {
                PyObject[] items = new PyObject[Math.max(arg, 4)];
                sp -= arg - 1;
                for (int i = 0; i < arg; i++) {
                    items[i] = (PyObject) st[sp + i];
                    st[sp + i] = null;
                }
                st[sp] = new PyList(items, arg);
                break;
            }
            case Opcodes.BUILD_MAP:
                st[++sp] = new PyDict();
                break;
            case Opcodes.STORE_MAP:
                sp -= 2;
                ((PyDict) st[sp]).setItem((PyObject) st[sp + 2], (PyObject) st[sp + 1]);
                st[sp + 1] = null;
                st[sp + 2] = null;
                break;
            case Opcodes.BUILD_SET: {
                PySet s = new PySet(arg);
                sp -= arg - 1;
                for (int i = 0; i < arg; i++) {
                    s.add((PyObject) st[sp + i]);
                    st[sp + i] = null;
                }
                st[sp] = s;
                break;
            }
            case Opcodes.BUILD_SLICE: {
                PyObject step = PyNone.NONE;
                if (arg == 3) {
                    step = (PyObject) st[sp--];
                }
                PyObject stop = (PyObject) st[sp--];
                st[sp] = new PySlice((PyObject) st[sp], stop, step);
                break;
            }
            case Opcodes.STORE_COMP: {
                PyObject obj = (PyObject) st[sp - (arg >> 2)];
                int kind = arg & 3;
                if (kind == 0) {
                    ((PyList) obj).append((PyObject) st[sp--]);
                } else if (kind == 1) {
                    ((PyDict) obj).setItem((PyObject) st[sp], (PyObject) st[sp - 1]);
                    sp -= 2;
                } else {
                    ((PySet) obj).add((PyObject) st[sp--]);
                }
                break;
            }
            case Opcodes.UNPACK_SEQUENCE:
                unpackSequence((PyObject) st[sp], arg, st, sp);
                sp += arg - 1;
                break;
            case Opcodes.UNPACK_EX:
                unpackEx((PyObject) st[sp], arg & 0xff, (arg >> 8) & 0xff, st, sp);
                sp += (arg & 0xff) + ((arg >> 8) & 0xff);
                break;
            case Opcodes.MAKE_FUNCTION:
                st[++sp] = makeFunction(f, c.children[arg], null, null, null);
                break;
            case Opcodes.MAKE_FUNCTION_DEFARGS:
                sp -= 1;
                st[sp] = makeFunction(f, c.children[arg], (PyObject) st[sp], (PyObject) st[sp + 1], null);
                break;
            case Opcodes.MAKE_CLOSURE:
            case Opcodes.MAKE_CLOSURE_DEFARGS: {
                int nClosed = code[pc + 2];
                boolean defargs = op == Opcodes.MAKE_CLOSURE_DEFARGS;
                sp -= (defargs ? 2 : 0) + nClosed - 1;
                int cellsAt = defargs ? sp + 2 : sp;
                PyObject[] closed = new PyObject[nClosed];
                for (int i = 0; i < nClosed; i++) {
                    closed[i] = (PyObject) st[cellsAt + i];
                }
                PyObject fn = defargs
                        ? makeFunction(f, c.children[arg], (PyObject) st[sp], (PyObject) st[sp + 1], closed)
                        : makeFunction(f, c.children[arg], null, null, closed);
                st[sp] = fn;
                break;
            }
            case Opcodes.CALL_FUNCTION_VAR_KW: {
                int nPos = arg & 0xff;
                int nKw = (arg >> 8) & 0xff;
                sp -= nPos + 2 * nKw + 1;
                st[sp] = callVarKw(st, sp + 1, nPos, nKw, (PyObject) st[sp], null);
                clear(st, sp + 1, nPos + 2 * nKw + 1);
                break;
            }
            case Opcodes.CALL_METHOD_VAR_KW: {
                int nPos = arg & 0xff;
                int nKw = (arg >> 8) & 0xff;
                sp -= nPos + 2 * nKw + 2;
                st[sp] = callVarKw(st, sp + 2, nPos, nKw, (PyObject) st[sp], (PyObject) st[sp + 1]);
                clear(st, sp + 1, nPos + 2 * nKw + 2);
                break;
            }
            case Opcodes.IMPORT_NAME: {
                PyObject fromList = (PyObject) st[sp--];
                PyObject level = (PyObject) st[sp];
                st[sp] = rt.importStatement(names[arg], fromList, (int) Ops.indexValue(level, "int"), f.globals);
                break;
            }
            case Opcodes.IMPORT_FROM:
                st[sp + 1] = rt.importFrom((PyObject) st[sp], names[arg]);
                sp++;
                break;
            case Opcodes.IMPORT_STAR:
                rt.importStar((PyObject) st[sp--], f.locals != null ? f.locals : f.globals);
                break;
            default:
                throw Py.error(PyBaseException.NOT_IMPLEMENTED_ERROR, "opcode 0x" + Integer.toHexString(op));
        }
        return sp;
    }

    /** A Java failure inside an operation becomes a Python exception the program can see. */
    static PyException internalError(Frame f, Throwable e) {
        if (e instanceof OutOfMemoryError || e instanceof NegativeArraySizeException) {
            // a size that does not fit (or wrapped around while computing it) is an allocation failure
            f.runtime.noteJavaFailure(e);
            return Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed");
        }
        if (e instanceof StackOverflowError) {
            // deep recursion inside a built-in (repr of a self-containing list) is caught as a Python error
            return Py.runtimeError("maximum recursion depth exceeded");
        }
        if (e instanceof ClassCastException) {
            return Py.typeError("unsupported operand type");
        }
        if (e instanceof ArithmeticException) {
            return Py.valueError("value out of range");
        }
        if (e instanceof LinkageError) {
            // code of a bundle that was updated or uninstalled under the program, reached
            // through an object the program still holds
            return Py.runtimeError("code no longer available (its bundle was updated or removed): " + e.getMessage());
        }
        if (f.code.module.fromMpyFile()) {
            // bytecode from a file that took the value or block stack outside its frame
            return Py.valueError("incompatible .mpy file");
        }
        f.runtime.noteJavaFailure(e);
        return Py.runtimeError("internal error: " + e);
    }

    private static void finish(Frame f) {
        f.yielded = false;
        f.finished = true;
    }

    private static void clear(Object[] st, int from, int count) {
        for (int i = 0; i < count; i++) {
            st[from + i] = null;
        }
    }

    private static void pushBlock(Frame f, int handler, int sp, boolean isFinally) {
        // excTop moves only once the block is stored: more blocks than the prelude declared
        // (malformed bytecode) must not leave it past the arrays the exception dispatch reads
        int top = f.excTop + 1;
        f.excHandler[top] = handler;
        f.excSp[top] = sp;
        f.excFinally[top] = isFinally;
        f.excPrev[top] = null;
        f.excTop = top;
    }

    private static PyObject callExit(Object[] st, int at, PyObject a, PyObject b, PyObject cArg) {
        PyObject fn = (PyObject) st[at];
        PyObject self = (PyObject) st[at + 1];
        PyObject[] args = self == null ? new PyObject[] {a, b, cArg} : new PyObject[] {self, a, b, cArg};
        return fn.call(args, null);
    }

    /** Drops a pending finally action: the stack holds either (data, cause) or a single state, then dest. */
    private static int cancelActiveFinally(Object[] st, int sp) {
        if (st[sp - 1] instanceof PyInt && !(st[sp - 1] instanceof PyBool)) {
            st[sp - 2] = st[sp];
            return sp - 2;
        }
        st[sp - 1] = st[sp];
        return sp - 1;
    }

    /**
     * Unwinds for a jump out of handler blocks; stack top is the count, below it the destination.
     * Returns the next ip; sets f.sp.
     */
    private static int unwindJump(Frame f, Object[] st, int sp, int pc) {
        int unum = (int) ((PyInt) st[sp--]).value;
        while ((unum & 0x7f) > 0) {
            unum -= 1;
            int top = f.excTop;
            if (f.excFinally[top]) {
                if (f.excHandler[top] > pc) {
                    st[++sp] = PyInt.of(unum);
                    f.sp = sp;
                    return f.excHandler[top];
                }
                sp = cancelActiveFinally(st, sp);
            }
            f.excTop--;
        }
        int dest = (Integer) st[sp];
        st[sp--] = null;
        if (unum != 0) {
            sp -= 4;
        }
        f.sp = sp;
        return dest;
    }

    /** Unwinds for a return; returns the finally handler to run, or -1 to return st[sp]. */
    private static int unwindReturn(Frame f, Object[] st, int sp, int pc) {
        while (f.excTop >= 0) {
            int top = f.excTop;
            if (f.excFinally[top]) {
                if (f.excHandler[top] > pc) {
                    int finallySp = f.excSp[top];
                    st[finallySp + 1] = st[sp];
                    sp = finallySp + 1;
                    st[++sp] = RETURN_MARKER;
                    f.sp = sp;
                    return f.excHandler[top];
                }
                sp = cancelActiveFinally(st, sp);
            }
            f.excTop--;
        }
        f.sp = sp;
        return -1;
    }

    static boolean exceptionMatch(PyObject exc, PyObject pattern) {
        if (pattern instanceof PyTuple t) {
            for (PyObject p : t.items()) {
                if (exceptionMatch(exc, p)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern instanceof PyType pt) {
            if (!pt.isSubclassOf(PyBaseException.BASE_EXCEPTION)) {
                throw Py.typeError("catching classes that do not inherit from BaseException is not allowed");
            }
            return exc.type().isSubclassOf(pt);
        }
        throw Py.typeError("catching classes that do not inherit from BaseException is not allowed");
    }

    /**
     * One step of {@code yield from}: {true, value} when the delegate yielded,
     * {false, returnValue} when it finished.
     */
    static Object[] delegate(PyObject target, PyObject send, PyObject thrown) {
        if (target instanceof PyGenerator g) {
            PyObject r = g.resume(thrown != null ? null : send, thrown);
            if (r != null) {
                return new Object[] {Boolean.TRUE, r};
            }
            return new Object[] {Boolean.FALSE, g.returnValue()};
        }
        PyObject handler = null;
        if (thrown != null) {
            handler = target.getAttr(isGeneratorExit(thrown) ? "close" : "throw");
            if (handler == null) {
                // nowhere to throw it: it is raised here, as it is (a StopIteration too, unlike one from a call below)
                throw new PyException(makeRaiseObject(thrown));
            }
        }
        try {
            if (thrown != null) {
                if (isGeneratorExit(thrown)) {
                    return new Object[] {Boolean.FALSE, handler.call(Py.NO_ARGS, null)};
                }
                return new Object[] {Boolean.TRUE, handler.call(new PyObject[] {thrown}, null)};
            }
            PyObject r;
            if (send == PyNone.NONE && target instanceof PyInstance inst && inst.type().lookup("__next__") != null) {
                r = Ops.getAttr(target, "__next__").call(Py.NO_ARGS, null);
            } else if (send == PyNone.NONE) {
                PyBaseException.clearStopValue();
                r = target.next();
                if (r == null) {
                    return new Object[] {Boolean.FALSE, PyBaseException.takeStopValue()};
                }
            } else {
                r = Ops.getAttr(target, "send").call(new PyObject[] {send}, null);
            }
            return new Object[] {Boolean.TRUE, r};
        } catch (PyException e) {
            if (e.matches(PyBaseException.STOP_ITERATION)) {
                return new Object[] {Boolean.FALSE, e.value().value()};
            }
            throw e;
        }
    }

    /** True for GeneratorExit or a subclass, given as a class or an instance. */
    static boolean matchesGeneratorExit(PyObject thrown) {
        PyType t = thrown instanceof PyType c ? c : thrown.type();
        return t.isSubclassOf(PyBaseException.GENERATOR_EXIT);
    }

    /** True for a GeneratorExit instance: the value close() throws into a generator. */
    private static boolean isGeneratorExit(PyObject thrown) {
        return thrown.type().isSubclassOf(PyBaseException.GENERATOR_EXIT);
    }
}
