package dev.mica.vm.runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import dev.mica.code.CompiledModule;
import dev.mica.code.InputKind;
import dev.mica.vm.bytecode.PyFunction;
import dev.mica.obj.Buffers;
import dev.mica.obj.NativeCode;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBoundMethod;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyDescriptors;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyRange;
import dev.mica.obj.PySet;
import dev.mica.obj.PySlice;
import dev.mica.obj.PyStr;
import dev.mica.obj.PySuper;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/** The functions and types of the {@code builtins} module. */
public final class Builtins {
    private Builtins() {}

    /** Numbers of the built-in functions that compiled code may call directly (BuiltinCalls). */
    public static final int LEN = 1, ISINSTANCE = 3, ABS = 5, GETATTR = 12, SETATTR = 13, HASATTR = 15, ORD = 18, CHR = 19;

    private static final PyType ENUMERATE = PyType.builtin("enumerate", PyType.OBJECT);
    private static final PyType ZIP = PyType.builtin("zip", PyType.OBJECT);
    private static final PyType MAP = PyType.builtin("map", PyType.OBJECT);
    private static final PyType FILTER = PyType.builtin("filter", PyType.OBJECT);
    private static final PyType REVERSED = PyType.builtin("reversed", PyType.OBJECT);

    static {
        PyFloat.TYPE.setConstructor((t, a, kw) -> floatConstructor(a));
        PyFloat.TYPE.method("is_integer", 1, 1, a -> Py.bool(((PyFloat) a[0]).value == Math.rint(((PyFloat) a[0]).value)));
        for (PyType t : new PyType[] {PyList.TYPE, PyDict.TYPE, PyTuple.TYPE, PyStr.TYPE, PyBytes.TYPE, PySet.TYPE, PyRange.TYPE}) {
            t.method("__getitem__", 2, 2, a -> a[0].getItem(a[1]));
            t.method("__len__", 1, 1, a -> PyInt.of(a[0].len()));
            t.method("__contains__", 2, 2, a -> Py.bool(a[0].contains(a[1])));
            t.method("__iter__", 1, 1, a -> a[0].iter());
        }
        for (PyType t : new PyType[] {PyList.TYPE, PyDict.TYPE}) {
            t.method("__setitem__", 3, 3, a -> {
                a[0].setItem(a[1], a[2]);
                return PyNone.NONE;
            });
            t.method("__delitem__", 2, 2, a -> {
                a[0].delItem(a[1]);
                return PyNone.NONE;
            });
        }
        PyType.OBJECT.method("__init__", 1, PyBuiltinFunction.VARIADIC, a -> PyNone.NONE);
        PyList.TYPE.method("__init__", 1, 2, a -> {
            PyList l = (PyList) a[0];
            Ops.getAttr(l, "clear").call(Py.NO_ARGS, null);
            if (a.length > 1) {
                for (PyObject x : Ops.toArray(a[1])) {
                    l.append(x);
                }
            }
            return PyNone.NONE;
        });
        PyDict.TYPE.methodKw("__init__", 1, 2, (a, kw) -> {
            PyDict d = (PyDict) a[0];
            d.map().clear();
            Ops.getAttr(d, "update").call(java.util.Arrays.copyOfRange(a, 1, a.length), kw);
            return PyNone.NONE;
        });
        PyType.OBJECT.method("__setattr__", 3, 3, a -> {
            if (a[0] instanceof PyInstance i) {
                i.dict().put(attrName(a[1]), a[2]);
                return PyNone.NONE;
            }
            a[0].setAttr(attrName(a[1]), a[2]);
            return PyNone.NONE;
        });
        PyType.OBJECT.method("__delattr__", 2, 2, a -> {
            if (a[0] instanceof PyInstance i && i.dict().remove(attrName(a[1])) == null) {
                throw Ops.noAttribute(a[0], attrName(a[1]));
            }
            return PyNone.NONE;
        });
        PyType.OBJECT.define("__new__", new PyDescriptors.StaticMethod(new PyBuiltinFunction("__new__", 1, PyBuiltinFunction.VARIADIC, true, (a, kw) -> {
            if (!(a[0] instanceof PyType t) || t.isBuiltin()) {
                throw Py.typeError("arg must be user-type");
            }
            return t.allocate(Py.NO_ARGS, null);
        })));
        PyType.OBJECT.setConstructor((t, a, kw) -> new PyInstance(PyType.OBJECT) {
            @Override
            public String repr() {
                return "<object>";
            }
        });
    }

    static void install(Runtime rt, PyDict b) {
        PyType[] types = {PyType.OBJECT, PyType.TYPE, PyInt.TYPE, PyBool.TYPE, PyFloat.TYPE, PyStr.TYPE, PyBytes.TYPE,
            PyList.TYPE, PyTuple.TYPE, PyDict.TYPE, PySet.TYPE, PySet.FROZEN_TYPE, PyRange.TYPE, PySlice.TYPE,
            PySuper.TYPE, PyDescriptors.STATICMETHOD, PyDescriptors.CLASSMETHOD, PyDescriptors.PROPERTY,
            ENUMERATE, ZIP, MAP, FILTER, REVERSED};
        for (PyType t : types) {
            b.putStr(t.name(), t);
        }
        for (PyType t : PyBaseException.ALL) {
            b.putStr(t.name(), t);
        }
        b.putStr("IOError", PyBaseException.OS_ERROR);
        b.putStr("NotImplemented", PyNone.NOT_IMPLEMENTED);
        b.putStr("Ellipsis", PyNone.ELLIPSIS);
        b.putStr("bytearray", dev.mica.obj.PyByteArray.TYPE);
        b.putStr("memoryview", dev.mica.obj.PyMemoryView.TYPE);
        b.putStr("complex", dev.mica.obj.PyComplex.TYPE);
        b.putStr("__name__", PyStr.of("builtins"));
        for (PyType t : new PyType[] {ENUMERATE, ZIP, MAP, FILTER, REVERSED}) {
            PyIterators.addNext(t);
        }
        ENUMERATE.setConstructor((t, a, kw) -> enumerate(a, kw));
        ZIP.setConstructor((t, a, kw) -> zip(a));
        MAP.setConstructor((t, a, kw) -> map(atLeast(a, kw, 2)));
        FILTER.setConstructor((t, a, kw) -> filter(atLeast(a, kw, 2)));
        REVERSED.setConstructor((t, a, kw) -> reversed(atLeast(a, kw, 1)[0]));

        def(b, rt, 0, "print", 0, PyBuiltinFunction.VARIADIC, true);
        def(b, rt, LEN, "len", 1, 1, false);
        def(b, rt, 2, "repr", 1, 1, false);
        def(b, rt, ISINSTANCE, "isinstance", 2, 2, false);
        def(b, rt, 4, "issubclass", 2, 2, false);
        def(b, rt, ABS, "abs", 1, 1, false);
        def(b, rt, 6, "min", 1, PyBuiltinFunction.VARIADIC, true);
        def(b, rt, 7, "max", 1, PyBuiltinFunction.VARIADIC, true);
        def(b, rt, 8, "sum", 1, 2, false);
        def(b, rt, 9, "sorted", 1, 1, true);
        def(b, rt, 10, "iter", 1, 1, false);
        def(b, rt, 11, "next", 1, 2, false);
        def(b, rt, GETATTR, "getattr", 2, 3, false);
        def(b, rt, SETATTR, "setattr", 3, 3, false);
        def(b, rt, 14, "delattr", 2, 2, false);
        def(b, rt, HASATTR, "hasattr", 2, 2, false);
        def(b, rt, 16, "id", 1, 1, false);
        def(b, rt, 17, "hash", 1, 1, false);
        def(b, rt, ORD, "ord", 1, 1, false);
        def(b, rt, CHR, "chr", 1, 1, false);
        def(b, rt, 20, "hex", 1, 1, false);
        def(b, rt, 21, "oct", 1, 1, false);
        def(b, rt, 22, "bin", 1, 1, false);
        def(b, rt, 23, "divmod", 2, 2, false);
        def(b, rt, 24, "pow", 2, 3, false);
        def(b, rt, 25, "round", 1, 2, false);
        def(b, rt, 26, "any", 1, 1, false);
        def(b, rt, 27, "all", 1, 1, false);
        def(b, rt, 28, "callable", 1, 1, false);
        def(b, rt, 29, "globals", 0, 0, false);
        def(b, rt, 30, "locals", 0, 0, false);
        def(b, rt, 31, "dir", 0, 1, false);
        def(b, rt, 32, "__import__", 1, 5, true);
        def(b, rt, 33, "exec", 1, 3, false);
        def(b, rt, 34, "eval", 1, 3, false);
        def(b, rt, 35, "compile", 3, 3, false);
        def(b, rt, 36, "input", 0, 1, false);
        def(b, rt, 37, "__repl_print__", 1, 1, false);
        def(b, rt, 38, "help", 0, 1, false);
        def(b, rt, 39, "format", 1, 2, false);
        def(b, rt, 40, "execfile", 1, 3, false);
    }

    private static final String HELP_TEXT = "Welcome to MicroPython!\n\n"
            + "For online docs please visit http://docs.micropython.org/\n\n"
            + "Control commands:\n"
            + "  CTRL-A        -- on a blank line, enter raw REPL mode\n"
            + "  CTRL-B        -- on a blank line, enter normal REPL mode\n"
            + "  CTRL-C        -- interrupt a running program\n"
            + "  CTRL-D        -- on a blank line, exit or do a soft reset\n"
            + "  CTRL-E        -- on a blank line, enter paste mode\n\n"
            + "For further help on a specific object, type help(obj)\n"
            + "For a list of available modules, type help('modules')\n";

    /** help(obj): the object, its type and the names its module or class defines. */
    private static String helpAbout(Runtime rt, PyObject o) {
        if (o instanceof PyStr s && s.value().equals("modules")) {
            return rt.builtinModules().helpText();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("object ").append(o.str()).append(" is of type ").append(o.type().name()).append('\n');
        if (o instanceof PyModule m) {
            for (java.util.Map.Entry<PyObject, PyObject> e : m.globals().map().entrySet()) {
                helpLine(sb, e.getKey().str(), e.getValue());
            }
            return sb.toString();
        }
        PyType t = o instanceof PyType ty ? ty : o.type();
        if (t.isBuiltin()) {
            // a built-in type lists its methods; special methods are not part of MicroPython's tables
            for (java.util.Map.Entry<String, PyObject> e : t.dict().entrySet()) {
                if (t.listsInHelp(e.getKey())) {
                    helpLine(sb, e.getKey(), e.getValue());
                }
            }
        } else {
            for (java.util.Map.Entry<String, PyObject> e : t.dict().entrySet()) {
                helpLine(sb, e.getKey(), e.getValue());
            }
        }
        return sb.toString();
    }

    private static void helpLine(StringBuilder sb, String name, PyObject value) {
        sb.append("  ").append(name).append(" -- ").append(value.str()).append('\n');
    }

    /** The result of compile(): code to pass to exec/eval. */
    static final class CodeObject extends PyObject {
        static final PyType TYPE = PyType.builtin("code", PyType.OBJECT);
        final CompiledModule module;

        CodeObject(CompiledModule module) {
            this.module = module;
        }

        @Override
        public PyType type() {
            return TYPE;
        }
    }

    private static PyObject execOrEval(Runtime rt, PyObject[] a, InputKind kind) {
        CompiledModule cm;
        if (a[0] instanceof CodeObject co) {
            cm = co.module;
        } else {
            cm = rt.compile(sourceText(a[0]), "<string>", kind);
        }
        return runIn(rt, a, cm);
    }

    /** execfile(name[, globals[, locals]]): a file of the program (through any mounted file system) run as exec would. */
    private static PyObject execFile(Runtime rt, PyObject[] a) {
        if (!(a[0] instanceof PyStr name)) {
            throw Py.typeError("can't convert '" + a[0].type().name() + "' object to str implicitly");
        }
        byte[] source = rt.builtinModules().readProgramFile(name.value());
        CompiledModule cm = rt.compile(new String(source, java.nio.charset.StandardCharsets.UTF_8), name.value(), InputKind.FILE);
        return runIn(rt, a, cm);
    }

    /** Runs code in the namespaces that arguments 1 and 2 of exec/eval/execfile give. */
    private static PyObject runIn(Runtime rt, PyObject[] a, CompiledModule cm) {
        PyDict globals = namespaceArgument(a, 1);
        PyDict locals = namespaceArgument(a, 2);
        if (globals == null) {
            globals = rt.currentGlobals();
            if (locals == null && rt.currentLocals != null) {
                locals = rt.currentLocals;
            }
        }
        if (locals == null) {
            locals = globals;
        }
        if (globals.getStr("__builtins__") == null && globals != rt.currentGlobals()) {
            globals.putStr("__builtins__", rt.modules().getStr("builtins"));
        }
        return rt.run(cm, globals, locals);
    }

    /** The globals or locals argument of exec/eval: a dict, or null when absent or None. */
    private static PyDict namespaceArgument(PyObject[] a, int i) {
        if (a.length <= i || a[i] == PyNone.NONE) {
            return null;
        }
        if (a[i] instanceof PyDict d) {
            return d;
        }
        // MicroPython raises a TypeError without a message here
        throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
    }

    /** Source code given to compile/exec/eval: a str, or any object with the buffer protocol. */
    private static String sourceText(PyObject o) {
        if (o instanceof PyStr s) {
            return s.value();
        }
        return new String(Buffers.bytesOf(o), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The body of every built-in function, chosen by number. One class serves them all, so that
     * start-up does not create (and link) a lambda class per function. The functions that loops
     * call most are chosen here, in a method small enough for the JIT to inline into its
     * callers; the rest in {@link #invokeOther}, whose size keeps it out of line.
     */
    private static PyObject invoke(int id, Runtime rt, PyDict b, PyObject[] a, String[] kw) {
        switch (id) {
            case LEN:
                return len(a[0]);
            case ISINSTANCE:
                return Py.bool(isInstance(a[0], a[1]));
            case ORD:
                return ord(a[0]);
            case CHR:
                return chr(a[0]);
            default:
                return invokeOther(id, rt, b, a, kw);
        }
    }

    /** abs(x). */
    public static PyObject abs(PyObject x) {
        if (x instanceof PyInt i && i.big == null && i.value != Long.MIN_VALUE) {
            return PyInt.of(Math.abs(i.value));
        }
        if (x instanceof PyInt i) {
            return i.toBig().signum() < 0 ? Ops.unary(Ops.NEGATIVE, i) : PyInt.of(i.toBig());
        }
        if (x instanceof PyFloat f) {
            return new PyFloat(Math.abs(f.value));
        }
        if (x instanceof dev.mica.obj.PyComplex z) {
            return z.abs();
        }
        PyObject m = x.type().lookup("__abs__");
        if (m != null) {
            return m.call(new PyObject[] {x}, null);
        }
        throw Py.typeError("unsupported type for __abs__: '" + x.type().name() + "'");
    }

    /** getattr(o, name[, fallback]): {@code fallback} null when not given. */
    public static PyObject getattr(PyObject o, PyObject nameObject, PyObject fallback) {
        String name = attrName(nameObject);
        PyObject v;
        try {
            v = o.getAttr(name);
        } catch (PyException e) {
            if (fallback == null || !e.matches(PyBaseException.ATTRIBUTE_ERROR)) {
                throw e;
            }
            v = null;
        }
        if (v == null) {
            if (fallback != null) {
                return fallback;
            }
            throw Ops.noAttribute(o, name);
        }
        return v;
    }

    /** setattr(o, name, value). */
    public static PyObject setattr(PyObject o, PyObject name, PyObject value) {
        o.setAttr(attrName(name), value);
        return PyNone.NONE;
    }

    /** hasattr(o, name). */
    public static PyObject hasattr(PyObject o, PyObject name) {
        try {
            return Py.bool(o.getAttr(attrName(name)) != null);
        } catch (PyException e) {
            if (e.matches(PyBaseException.ATTRIBUTE_ERROR)) {
                return PyBool.FALSE;
            }
            throw e;
        }
    }

    /** len(x). */
    public static PyObject len(PyObject x) {
        return PyInt.of(x.len());
    }

    /** ord(c). */
    public static PyObject ord(PyObject o) {
        if (o instanceof PyStr s) {
            if (s.codePointLength() != 1) {
                throw Py.typeError("ord() expected a character, but string of length " + s.codePointLength() + " found");
            }
            return PyInt.of(s.codePointAt(0));
        }
        if (o instanceof PyBytes by && by.bytes().length == 1) {
            return PyInt.of(by.bytes()[0] & 0xff);
        }
        throw Py.typeError("ord() expected a character, but string of length " + o.len() + " found");
    }

    /** chr(i). */
    public static PyObject chr(PyObject o) {
        long c = Ops.indexValue(o, "int");
        if (c < 0 || c >= 0x110000) {
            throw Py.valueError("chr() arg not in range(0x110000)");
        }
        return PyStr.ofCodePoint((int) c);
    }

    private static PyObject invokeOther(int id, Runtime rt, PyDict b, PyObject[] a, String[] kw) {
        switch (id) {
            case 0: // print
                return print(rt, a, kw);
            case 2: // repr
                return PyStr.of(Ops.repr(a[0]));
            case 4: { // issubclass
                if (!(a[0] instanceof PyType t)) {
                    throw Py.typeError("issubclass() arg 1 must be a class");
                }
                return Py.bool(isSubclass(t, a[1]));
            }
            case ABS:
                return abs(a[0]);
            case 6: // min
                return minMax(a, kw, true);
            case 7: // max
                return minMax(a, kw, false);
            case 8: { // sum
                PyObject acc = a.length > 1 ? a[1] : PyInt.of(0);
                PyObject it = a[0].iter();
                for (PyObject x = it.next(); x != null; x = it.next()) {
                    acc = Ops.binary(Ops.ADD, acc, x);
                }
                return acc;
            }
            case 9: { // sorted
                Py.checkKeywords(kw, "key", "reverse");
                PyObject[] items = Ops.toArray(a[0]);
                PyList l = new PyList(items.clone(), items.length);
                PyObject key = Py.keyword(a, kw, "key");
                PyObject rev = Py.keyword(a, kw, "reverse");
                l.sort(key == null || key == PyNone.NONE ? null : key, rev != null && rev.isTrue());
                return l;
            }
            case 10: // iter
                return a[0].iter();
            case 11: { // next
                PyObject userNext = a[0] instanceof PyInstance ? a[0].type().lookup("__next__") : null;
                if (userNext != null && a.length == 1) {
                    // the program's own StopIteration, with its value, goes to the caller as it is
                    return Ops.getAttr(a[0], "__next__").call(Py.NO_ARGS, null);
                }
                PyBaseException.clearStopValue();
                PyObject v = a[0].next();
                if (v == null) {
                    if (a.length > 1) {
                        return a[1];
                    }
                    PyObject rv = PyBaseException.takeStopValue();
                    throw new PyException(new PyBaseException(PyBaseException.STOP_ITERATION,
                            rv == PyNone.NONE ? Py.NO_ARGS : new PyObject[] {rv}));
                }
                return v;
            }
            case GETATTR:
                return getattr(a[0], a[1], a.length > 2 ? a[2] : null);
            case SETATTR:
                return setattr(a[0], a[1], a[2]);
            case 14: { // delattr
                a[0].setAttr(attrName(a[1]), null);
                return PyNone.NONE;
            }
            case HASATTR:
                return hasattr(a[0], a[1]);
            case 16: // id
                return PyInt.of(Py.id(a[0]));
            case 17: // hash
                return PyInt.of(Ops.hash(a[0]));
            case 20: // hex
                return PyStr.of(radix(a[0], 16, "0x"));
            case 21: // oct
                return PyStr.of(radix(a[0], 8, "0o"));
            case 22: // bin
                return PyStr.of(radix(a[0], 2, "0b"));
            case 23: // divmod
                if (a[0] instanceof dev.mica.obj.PyComplex || a[1] instanceof dev.mica.obj.PyComplex) {
                    throw Py.typeError("unsupported types for __divmod__: '" + a[0].type().name() + "', '" + a[1].type().name() + "'");
                }
                return new PyTuple(Ops.binary(Ops.FLOOR_DIVIDE, a[0], a[1]), Ops.binary(Ops.MODULO, a[0], a[1]));
            case 24: { // pow
                if (a.length == 3) {
                    if (!(a[0] instanceof PyInt x && a[1] instanceof PyInt y && a[2] instanceof PyInt m)) {
                        throw Py.typeError("pow() with 3 arguments requires integers");
                    }
                    if (m.toBig().signum() == 0) {
                        throw Py.valueError("pow() 3rd argument cannot be 0");
                    }
                    BigInteger r = x.toBig().modPow(y.toBig(), m.toBig().abs());
                    if (m.toBig().signum() < 0 && r.signum() != 0) {
                        r = r.add(m.toBig());
                    }
                    return PyInt.of(r);
                }
                return Ops.binary(Ops.POWER, a[0], a[1]);
            }
            case 25: // round
                return round(a);
            case 26: { // any
                PyObject it = a[0].iter();
                for (PyObject x = it.next(); x != null; x = it.next()) {
                    if (x.isTrue()) {
                        return PyBool.TRUE;
                    }
                }
                return PyBool.FALSE;
            }
            case 27: { // all
                PyObject it = a[0].iter();
                for (PyObject x = it.next(); x != null; x = it.next()) {
                    if (!x.isTrue()) {
                        return PyBool.FALSE;
                    }
                }
                return PyBool.TRUE;
            }
            case 28: // callable
                return Py.bool(isCallable(a[0]));
            case 29: // globals
                return rt.currentGlobals();
            case 30: // locals
                return rt.currentLocals != null ? rt.currentLocals : rt.currentGlobals();
            case 31: // dir
                return dir(rt, a);
            case 32: { // __import__
                if (!(a[0] instanceof PyStr moduleName)) {
                    throw Py.typeError("can't convert '" + a[0].type().name() + "' object to str implicitly");
                }
                PyObject fromList = a.length > 3 ? a[3] : PyNone.NONE;
                int level = a.length > 4 ? (int) Ops.indexValue(a[4], "int") : 0;
                if (level < 0) {
                    throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
                }
                if (moduleName.value().isEmpty() && level == 0) {
                    throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
                }
                PyDict g = a.length > 1 && a[1] instanceof PyDict d ? d : rt.currentGlobals();
                return rt.importName(moduleName.asName(), fromList, level, g);
            }
            case 33: { // exec
                execOrEval(rt, a, InputKind.FILE);
                return PyNone.NONE;
            }
            case 40: // execfile
                execFile(rt, a);
                return PyNone.NONE;
            case 34: // eval
                return execOrEval(rt, a, InputKind.EVAL);
            case 35: { // compile
                String mode = a[2].str();
                InputKind kind;
                switch (mode) {
                    case "exec":
                        kind = InputKind.FILE;
                        break;
                    case "eval":
                        kind = InputKind.EVAL;
                        break;
                    case "single":
                        kind = InputKind.SINGLE;
                        break;
                    default:
                        throw Py.valueError("bad compile mode");
                }
                return new CodeObject(rt.compile(sourceText(a[0]), a[1].str(), kind));
            }
            case 36: { // input
                if (a.length > 0) {
                    rt.writeOut(a[0].str());
                }
                rt.flush();
                String line = rt.readLine();
                if (line == null) {
                    throw Py.error(PyBaseException.EOF_ERROR, "");
                }
                return PyStr.of(line);
            }
            case 37: { // __repl_print__
                if (a[0] != PyNone.NONE) {
                    rt.writeOut(Ops.repr(a[0]) + "\n");
                    b.putStr("_", a[0]);
                }
                return PyNone.NONE;
            }
            case 38: { // help
                rt.writeOut(a.length == 0 ? HELP_TEXT : helpAbout(rt, a[0]));
                return PyNone.NONE;
            }
            case 39: { // format
                PyObject m = PyStr.TYPE.lookup("format");
                return m.call(new PyObject[] {PyStr.of("{:" + (a.length > 1 ? a[1].str() : "") + "}"), a[0]}, null);
            }
            default:
                throw new IllegalStateException("no built-in function #" + id);
        }
    }

    /** A built-in function of the builtins module: its number and the interpreter it belongs to. */
    private static final class Body implements NativeCode {
        private final int id;
        private final Runtime rt;
        private final PyDict builtins;

        Body(int id, Runtime rt, PyDict builtins) {
            this.id = id;
            this.rt = rt;
            this.builtins = builtins;
        }

        @Override
        public PyObject call(PyObject[] args, String[] kwNames) {
            return invoke(id, rt, builtins, args, kwNames);
        }
    }

    /**
     * Whether {@code fn} is the built-in function numbered {@code id} ({@link #LEN}, ...) of any
     * interpreter: each interpreter has its own function objects, all run the same code.
     */
    public static boolean isBuiltin(PyObject fn, int id) {
        return fn instanceof PyBuiltinFunction f && f.code() instanceof Body body && body.id == id;
    }

    private static void def(PyDict b, Runtime rt, int id, String name, int min, int max, boolean takesKeywords) {
        b.putStr(name, new PyBuiltinFunction(name, min, max, takesKeywords, new Body(id, rt, b)));
    }

    private static PyObject[] atLeast(PyObject[] a, String[] kw, int n) {
        int given = Py.positional(a, kw);
        if (given < n) {
            throw Py.typeError("function missing " + (n - given) + " required positional arguments");
        }
        return a;
    }

    static String attrName(PyObject o) {
        if (!(o instanceof PyStr s)) {
            throw Py.typeError("attribute name must be string");
        }
        return s.asName();
    }

    private static PyObject print(Runtime rt, PyObject[] a, String[] kw) {
        Py.checkKeywords(kw, "sep", "end", "file", "flush");
        int n = Py.positional(a, kw);
        PyObject sepO = Py.keyword(a, kw, "sep");
        PyObject endO = Py.keyword(a, kw, "end");
        PyObject file = Py.keyword(a, kw, "file");
        String sep = sepO == null || sepO == PyNone.NONE ? " " : sepO.str();
        String end = endO == null || endO == PyNone.NONE ? "\n" : endO.str();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(a[i].str());
        }
        sb.append(end);
        if (file != null && file != PyNone.NONE) {
            // a stream gets each item, separator and end in its own write, as MicroPython does
            PyObject write = Ops.getAttr(file, "write");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    write.call(new PyObject[] {PyStr.of(sep)}, null);
                }
                write.call(new PyObject[] {PyStr.of(a[i].str())}, null);
            }
            write.call(new PyObject[] {PyStr.of(end)}, null);
        } else {
            rt.writeOut(sb.toString());
        }
        return PyNone.NONE;
    }

    /** isinstance(o, cls). */
    public static boolean isInstance(PyObject o, PyObject cls) {
        if (cls instanceof PyTuple t) {
            for (PyObject c : t.items()) {
                if (isInstance(o, c)) {
                    return true;
                }
            }
            return false;
        }
        if (!(cls instanceof PyType t)) {
            throw Py.typeError("isinstance() arg 2 must be a class or a tuple of classes");
        }
        return o.type().isSubclassOf(t);
    }

    static boolean isSubclass(PyType t, PyObject cls) {
        if (cls instanceof PyTuple tu) {
            for (PyObject c : tu.items()) {
                if (isSubclass(t, c)) {
                    return true;
                }
            }
            return false;
        }
        if (!(cls instanceof PyType c)) {
            throw Py.typeError("issubclass() arg 2 must be a class or a tuple of classes");
        }
        return t.isSubclassOf(c);
    }

    static boolean isCallable(PyObject o) {
        return o instanceof PyFunction || o instanceof PyBuiltinFunction || o instanceof PyBoundMethod || o instanceof PyType
                || (o instanceof PyInstance i && i.type().lookup("__call__") != null);
    }

    private static PyObject minMax(PyObject[] a, String[] kw, boolean min) {
        Py.checkKeywords(kw, "key", "default");
        int n = Py.positional(a, kw);
        PyObject key = Py.keyword(a, kw, "key");
        PyObject dflt = Py.keyword(a, kw, "default");
        PyObject[] items;
        if (n == 1) {
            items = Ops.toArray(a[0]);
        } else {
            items = java.util.Arrays.copyOf(a, n);
        }
        if (items.length == 0) {
            if (dflt != null) {
                return dflt;
            }
            throw Py.valueError("arg is an empty sequence");
        }
        PyObject best = items[0];
        PyObject bestKey = key == null || key == PyNone.NONE ? best : key.call(new PyObject[] {best}, null);
        for (int i = 1; i < items.length; i++) {
            PyObject k = key == null || key == PyNone.NONE ? items[i] : key.call(new PyObject[] {items[i]}, null);
            if (min ? Ops.lessThan(k, bestKey) : Ops.binary(Ops.MORE, k, bestKey).isTrue()) {
                best = items[i];
                bestKey = k;
            }
        }
        return best;
    }

    private static String radix(PyObject o, int radix, String prefix) {
        if (!(o instanceof PyInt i)) {
            throw Py.typeError("can't convert " + o.type().name() + " to int");
        }
        BigInteger v = i.toBig();
        return v.signum() < 0 ? "-" + prefix + v.negate().toString(radix) : prefix + v.toString(radix);
    }

    private static PyObject round(PyObject[] a) {
        PyObject x = a[0];
        if (x instanceof PyInt xi && (a.length < 2 || a[1] == PyNone.NONE)) {
            return PyInt.of(xi.toBig());
        }
        if (x instanceof PyInt i) {
            long nd = Ops.indexValue(a[1], "int");
            if (nd >= 0) {
                return x;
            }
            BigInteger p = BigInteger.TEN.pow((int) -nd);
            java.math.BigDecimal d = new java.math.BigDecimal(i.toBig()).divide(new java.math.BigDecimal(p))
                    .setScale(0, java.math.RoundingMode.HALF_EVEN);
            return PyInt.of(d.toBigInteger().multiply(p));
        }
        double d = Ops.toDouble(x);
        if (a.length < 2 || a[1] == PyNone.NONE) {
            if (Double.isNaN(d)) {
                throw Py.valueError("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw Py.overflow("cannot convert float infinity to integer");
            }
            return PyInt.of(new java.math.BigDecimal(Math.rint(d)).toBigInteger());
        }
        long nd = Ops.indexValue(a[1], "int");
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return x;
        }
        double m = Math.pow(10, nd);
        double r = Math.rint(d * m) / m;
        return new PyFloat(Double.isFinite(r) ? r : d);
    }

    private static PyObject enumerate(PyObject[] a, String[] kw) {
        Py.checkKeywords(kw, "iterable", "start");
        PyObject src = Py.positional(a, kw) > 0 ? a[0] : Py.keyword(a, kw, "iterable");
        if (src == null) {
            throw Py.typeError("function missing 1 required positional arguments");
        }
        PyObject it = src.iter();
        PyObject startO = Py.positional(a, kw) > 1 ? a[1] : Py.keyword(a, kw, "start");
        long[] i = {startO == null ? 0 : Ops.indexValue(startO, "int")};
        return new PyIterators.Native(ENUMERATE, () -> {
            PyObject x = it.next();
            return x == null ? null : new PyTuple(PyInt.of(i[0]++), x);
        }, PyIterators.Native.nestingOf(it));
    }

    private static PyObject zip(PyObject[] a) {
        PyObject[] its = new PyObject[a.length];
        for (int i = 0; i < a.length; i++) {
            its[i] = a[i].iter();
        }
        return new PyIterators.Native(ZIP, () -> {
            if (its.length == 0) {
                return null;
            }
            PyObject[] t = new PyObject[its.length];
            for (int i = 0; i < its.length; i++) {
                t[i] = its[i].next();
                if (t[i] == null) {
                    return null;
                }
            }
            return new PyTuple(t);
        }, PyIterators.Native.nestingOf(its));
    }

    private static PyObject map(PyObject[] a) {
        if (a.length < 2) {
            throw Py.typeError("function missing 1 required positional arguments");
        }
        PyObject fn = a[0];
        PyObject[] its = new PyObject[a.length - 1];
        for (int i = 1; i < a.length; i++) {
            its[i - 1] = a[i].iter();
        }
        return new PyIterators.Native(MAP, () -> {
            PyObject[] args = new PyObject[its.length];
            for (int i = 0; i < its.length; i++) {
                args[i] = its[i].next();
                if (args[i] == null) {
                    return null;
                }
            }
            return fn.call(args, null);
        }, PyIterators.Native.nestingOf(its));
    }

    private static PyObject filter(PyObject[] a) {
        PyObject fn = a[0];
        PyObject it = a[1].iter();
        return new PyIterators.Native(FILTER, () -> {
            for (PyObject x = it.next(); x != null; x = it.next()) {
                boolean keep = fn == PyNone.NONE ? x.isTrue() : fn.call(new PyObject[] {x}, null).isTrue();
                if (keep) {
                    return x;
                }
            }
            return null;
        }, PyIterators.Native.nestingOf(it));
    }

    private static PyObject reversed(PyObject o) {
        PyObject m = o instanceof PyInstance ? o.type().lookup("__reversed__") : null;
        if (m != null) {
            return m.call(new PyObject[] {o}, null);
        }
        if (o instanceof PyRange r) {
            int n = r.length();
            long last = r.start + (long) (n - 1) * r.step;
            return new PyIterators.RangeIterator(last, r.start - r.step, -r.step);
        }
        int n = o.len();
        int[] i = {n - 1};
        return new PyIterators.Native(REVERSED, () -> i[0] >= 0 ? o.getItem(PyInt.of(i[0]--)) : null);
    }

    private static PyObject dir(Runtime rt, PyObject[] a) {
        List<String> names = new ArrayList<>();
        if (a.length == 0) {
            for (PyObject k : rt.currentGlobals().map().keySet()) {
                names.add(k.str());
            }
        } else {
            PyObject o = a[0];
            PyObject userDir = o instanceof PyInstance ? o.type().lookup("__dir__") : null;
            if (userDir != null && !(userDir instanceof PyBuiltinFunction)) {
                return Ops.getAttr(o, "__dir__").call(Py.NO_ARGS, null);
            }
            if (o instanceof PyModule m) {
                for (PyObject k : m.globals().map().keySet()) {
                    names.add(k.str());
                }
            } else {
                if (o instanceof PyInstance inst) {
                    names.addAll(inst.dict().keySet());
                }
                PyType t = o instanceof PyType ty ? ty : o.type();
                for (PyType c : t.mro()) {
                    for (String k : c.dict().keySet()) {
                        if (!names.contains(k)) {
                            names.add(k);
                        }
                    }
                }
            }
        }
        PyList l = new PyList();
        for (String s : names) {
            l.append(PyStr.of(s));
        }
        return l;
    }

    static PyObject floatConstructor(PyObject[] a) {
        if (a.length == 0) {
            return new PyFloat(0);
        }
        PyObject x = a[0];
        if (x instanceof PyInstance pi && pi.base() != null && x.type().lookup("__float__") == null) {
            x = pi.base();
        }
        if (x instanceof PyFloat) {
            return x;
        }
        if (x instanceof PyInt i) {
            return new PyFloat(i.toDouble());
        }
        if (x instanceof PyBytes by) {
            x = PyStr.of(new String(by.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (x instanceof dev.mica.obj.PyByteArray by) {
            x = PyStr.of(new String(by.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (x instanceof PyStr s) {
            return new PyFloat(dev.mica.obj.FloatParser.parseFloat(s.value()));
        }
        return new PyFloat(Ops.toDouble(x));
    }
}
