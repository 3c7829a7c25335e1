package dev.mica.vm.runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import dev.mica.code.CompiledModule;
import dev.mica.code.InputKind;
import dev.mica.vm.bytecode.PyFunction;
import dev.mica.vm.bytecode.PyGenerator;
import dev.mica.vm.obj.NativeCode;
import dev.mica.vm.obj.Ops;
import dev.mica.vm.obj.Py;
import dev.mica.vm.obj.PyBaseException;
import dev.mica.vm.obj.PyBool;
import dev.mica.vm.obj.PyBoundMethod;
import dev.mica.vm.obj.PyBuiltinFunction;
import dev.mica.vm.obj.PyBytes;
import dev.mica.vm.obj.PyDescriptors;
import dev.mica.vm.obj.PyDict;
import dev.mica.vm.obj.PyException;
import dev.mica.vm.obj.PyFloat;
import dev.mica.vm.obj.PyInstance;
import dev.mica.vm.obj.PyInt;
import dev.mica.vm.obj.PyIterators;
import dev.mica.vm.obj.PyList;
import dev.mica.vm.obj.PyModule;
import dev.mica.vm.obj.PyNone;
import dev.mica.vm.obj.PyObject;
import dev.mica.vm.obj.PyRange;
import dev.mica.vm.obj.PySet;
import dev.mica.vm.obj.PySlice;
import dev.mica.vm.obj.PyStr;
import dev.mica.vm.obj.PySuper;
import dev.mica.vm.obj.PyTuple;
import dev.mica.vm.obj.PyType;

/** The functions and types of the {@code builtins} module. */
final class Builtins {
    private Builtins() {}

    private static final PyType ENUMERATE = PyType.builtin("enumerate", PyType.OBJECT);
    private static final PyType ZIP = PyType.builtin("zip", PyType.OBJECT);
    private static final PyType MAP = PyType.builtin("map", PyType.OBJECT);
    private static final PyType FILTER = PyType.builtin("filter", PyType.OBJECT);
    private static final PyType REVERSED = PyType.builtin("reversed", PyType.OBJECT);

    static {
        PyInt.TYPE.setConstructor((t, a, kw) -> intConstructor(a, kw));
        PyFloat.TYPE.setConstructor((t, a, kw) -> floatConstructor(a));
        PyInt.TYPE.methodKw("to_bytes", 1, 4, (a, kw) -> {
            int len = a.length > 1 ? (int) Ops.indexValue(a[1], "int") : 1;
            String order = a.length > 2 && Py.positional(a, kw) > 2 ? a[2].str() : "big";
            PyObject kwo = Py.keyword(a, kw, "byteorder");
            if (kwo != null) {
                order = kwo.str();
            }
            BigInteger v = ((PyInt) a[0]).toBig();
            byte[] out = new byte[len];
            for (int i = 0; i < len; i++) {
                out[order.equals("little") ? i : len - 1 - i] = v.shiftRight(8 * i).byteValue();
            }
            return new PyBytes(out);
        });
        PyInt.TYPE.define("from_bytes", new PyDescriptors.ClassMethod(new PyBuiltinFunction("from_bytes", 2, 4, true, (a, kw) -> {
            byte[] b = ((PyBytes) a[1]).bytes();
            String order = a.length > 2 && Py.positional(a, kw) > 2 ? a[2].str() : "big";
            PyObject kwo = Py.keyword(a, kw, "byteorder");
            if (kwo != null) {
                order = kwo.str();
            }
            BigInteger v = BigInteger.ZERO;
            for (int i = 0; i < b.length; i++) {
                int idx = order.equals("little") ? b.length - 1 - i : i;
                v = v.shiftLeft(8).or(BigInteger.valueOf(b[idx] & 0xff));
            }
            return PyInt.of(v);
        })));
        PyInt.TYPE.method("bit_length", 1, 1, a -> PyInt.of(((PyInt) a[0]).toBig().abs().bitLength()));
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
            if (!(a[0] instanceof PyType t)) {
                throw Py.typeError("__new__ arg must be a type");
            }
            return t.isBuiltin() ? t.call(java.util.Arrays.copyOfRange(a, 1, a.length), null) : t.allocate(Py.NO_ARGS, null);
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
        b.putStr("__name__", PyStr.of("builtins"));
        for (PyType t : new PyType[] {ENUMERATE, ZIP, MAP, FILTER, REVERSED}) {
            PyIterators.addNext(t);
        }
        ENUMERATE.setConstructor((t, a, kw) -> enumerate(a, kw));
        ZIP.setConstructor((t, a, kw) -> zip(a));
        MAP.setConstructor((t, a, kw) -> map(atLeast(a, kw, 2)));
        FILTER.setConstructor((t, a, kw) -> filter(atLeast(a, kw, 2)));
        REVERSED.setConstructor((t, a, kw) -> reversed(atLeast(a, kw, 1)[0]));

        def(b, "print", 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> print(rt, a, kw));
        def(b, "len", 1, 1, a -> PyInt.of(a[0].len()));
        def(b, "repr", 1, 1, a -> PyStr.of(Ops.repr(a[0])));
        def(b, "isinstance", 2, 2, a -> Py.bool(isInstance(a[0], a[1])));
        def(b, "issubclass", 2, 2, a -> {
            if (!(a[0] instanceof PyType t)) {
                throw Py.typeError("issubclass() arg 1 must be a class");
            }
            return Py.bool(isSubclass(t, a[1]));
        });
        def(b, "abs", 1, 1, a -> {
            PyObject x = a[0];
            if (x instanceof PyInt i) {
                return i.toBig().signum() < 0 ? Ops.unary(Ops.NEGATIVE, i) : PyInt.of(i.toBig());
            }
            if (x instanceof PyFloat f) {
                return new PyFloat(Math.abs(f.value));
            }
            PyObject m = x.type().lookup("__abs__");
            if (m != null) {
                return m.call(new PyObject[] {x}, null);
            }
            throw Py.typeError("unsupported type for __abs__: '" + x.type().name() + "'");
        });
        defKw(b, "min", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> minMax(a, kw, true));
        defKw(b, "max", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> minMax(a, kw, false));
        def(b, "sum", 1, 2, a -> {
            PyObject acc = a.length > 1 ? a[1] : PyInt.of(0);
            PyObject it = a[0].iter();
            for (PyObject x = it.next(); x != null; x = it.next()) {
                acc = Ops.binary(Ops.ADD, acc, x);
            }
            return acc;
        });
        defKw(b, "sorted", 1, 1, (a, kw) -> {
            Py.checkKeywords(kw, "key", "reverse");
            PyObject[] items = Ops.toArray(a[0]);
            PyList l = new PyList(items.clone(), items.length);
            PyObject key = Py.keyword(a, kw, "key");
            PyObject rev = Py.keyword(a, kw, "reverse");
            l.sort(key == null || key == PyNone.NONE ? null : key, rev != null && rev.isTrue());
            return l;
        });
        def(b, "iter", 1, 1, a -> a[0].iter());
        def(b, "next", 1, 2, a -> {
            PyObject userNext = a[0] instanceof PyInstance ? a[0].type().lookup("__next__") : null;
            if (userNext != null && a.length == 1) {
                // the program's own StopIteration, with its value, goes to the caller as it is
                return Ops.getAttr(a[0], "__next__").call(Py.NO_ARGS, null);
            }
            PyObject v = a[0].next();
            if (v == null) {
                if (a.length > 1) {
                    return a[1];
                }
                PyObject rv = a[0] instanceof PyGenerator g ? g.returnValue() : PyNone.NONE;
                throw new PyException(new PyBaseException(PyBaseException.STOP_ITERATION,
                        rv == PyNone.NONE ? Py.NO_ARGS : new PyObject[] {rv}));
            }
            return v;
        });
        def(b, "getattr", 2, 3, a -> {
            String name = attrName(a[1]);
            PyObject v;
            try {
                v = a[0].getAttr(name);
            } catch (PyException e) {
                if (a.length < 3 || !e.matches(PyBaseException.ATTRIBUTE_ERROR)) {
                    throw e;
                }
                v = null;
            }
            if (v == null) {
                if (a.length > 2) {
                    return a[2];
                }
                throw Ops.noAttribute(a[0], name);
            }
            return v;
        });
        def(b, "setattr", 3, 3, a -> {
            a[0].setAttr(attrName(a[1]), a[2]);
            return PyNone.NONE;
        });
        def(b, "delattr", 2, 2, a -> {
            a[0].setAttr(attrName(a[1]), null);
            return PyNone.NONE;
        });
        def(b, "hasattr", 2, 2, a -> {
            try {
                return Py.bool(a[0].getAttr(attrName(a[1])) != null);
            } catch (PyException e) {
                if (e.matches(PyBaseException.ATTRIBUTE_ERROR)) {
                    return PyBool.FALSE;
                }
                throw e;
            }
        });
        def(b, "id", 1, 1, a -> PyInt.of(Py.id(a[0])));
        def(b, "hash", 1, 1, a -> PyInt.of(Ops.hash(a[0])));
        def(b, "ord", 1, 1, a -> {
            if (a[0] instanceof PyStr s) {
                if (s.codePointLength() != 1) {
                    throw Py.typeError("ord() expected a character, but string of length " + s.codePointLength() + " found");
                }
                return PyInt.of(s.codePointAt(0));
            }
            if (a[0] instanceof PyBytes by && by.bytes().length == 1) {
                return PyInt.of(by.bytes()[0] & 0xff);
            }
            throw Py.typeError("ord() expected a character, but string of length " + a[0].len() + " found");
        });
        def(b, "chr", 1, 1, a -> {
            long c = Ops.indexValue(a[0], "int");
            if (c < 0 || c >= 0x110000) {
                throw Py.valueError("chr() arg not in range(0x110000)");
            }
            return PyStr.of(new String(Character.toChars((int) c)));
        });
        def(b, "hex", 1, 1, a -> PyStr.of(radix(a[0], 16, "0x")));
        def(b, "oct", 1, 1, a -> PyStr.of(radix(a[0], 8, "0o")));
        def(b, "bin", 1, 1, a -> PyStr.of(radix(a[0], 2, "0b")));
        def(b, "divmod", 2, 2, a -> new PyTuple(Ops.binary(Ops.FLOOR_DIVIDE, a[0], a[1]), Ops.binary(Ops.MODULO, a[0], a[1])));
        def(b, "pow", 2, 3, a -> {
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
        });
        def(b, "round", 1, 2, a -> round(a));
        def(b, "any", 1, 1, a -> {
            PyObject it = a[0].iter();
            for (PyObject x = it.next(); x != null; x = it.next()) {
                if (x.isTrue()) {
                    return PyBool.TRUE;
                }
            }
            return PyBool.FALSE;
        });
        def(b, "all", 1, 1, a -> {
            PyObject it = a[0].iter();
            for (PyObject x = it.next(); x != null; x = it.next()) {
                if (!x.isTrue()) {
                    return PyBool.FALSE;
                }
            }
            return PyBool.TRUE;
        });
        def(b, "callable", 1, 1, a -> Py.bool(isCallable(a[0])));
        def(b, "globals", 0, 0, a -> rt.currentGlobals());
        def(b, "locals", 0, 0, a -> rt.currentLocals != null ? rt.currentLocals : rt.currentGlobals());
        def(b, "dir", 0, 1, a -> dir(rt, a));
        defKw(b, "__import__", 1, 5, (a, kw) -> {
            PyObject fromList = a.length > 3 ? a[3] : PyNone.NONE;
            int level = a.length > 4 ? (int) Ops.indexValue(a[4], "int") : 0;
            PyDict g = a.length > 1 && a[1] instanceof PyDict d ? d : rt.currentGlobals();
            return rt.importName(a[0].str(), fromList, level, g);
        });
        def(b, "exec", 1, 3, a -> {
            execOrEval(rt, a, InputKind.FILE);
            return PyNone.NONE;
        });
        def(b, "eval", 1, 3, a -> execOrEval(rt, a, InputKind.EVAL));
        def(b, "compile", 3, 3, a -> {
            String mode = a[2].str();
            InputKind kind = mode.equals("eval") ? InputKind.EVAL : mode.equals("single") ? InputKind.SINGLE : InputKind.FILE;
            return new CodeObject(rt.compile(a[0].str(), a[1].str(), kind));
        });
        def(b, "input", 0, 1, a -> {
            if (a.length > 0) {
                rt.writeOut(a[0].str());
            }
            rt.flush();
            String line = rt.readLine();
            if (line == null) {
                throw Py.error(PyBaseException.EOF_ERROR, "");
            }
            return PyStr.of(line);
        });
        def(b, "__repl_print__", 1, 1, a -> {
            if (a[0] != PyNone.NONE) {
                rt.writeOut(Ops.repr(a[0]) + "\n");
                b.putStr("_", a[0]);
            }
            return PyNone.NONE;
        });
        def(b, "format", 1, 2, a -> {
            PyObject m = PyStr.TYPE.lookup("format");
            return m.call(new PyObject[] {PyStr.of("{:" + (a.length > 1 ? a[1].str() : "") + "}"), a[0]}, null);
        });
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
        PyDict globals = a.length > 1 && a[1] instanceof PyDict g ? g : rt.currentGlobals();
        PyDict locals = a.length > 2 && a[2] instanceof PyDict l ? l : globals;
        CompiledModule cm;
        if (a[0] instanceof CodeObject co) {
            cm = co.module;
        } else {
            String src = a[0] instanceof PyBytes by ? new String(by.bytes(), java.nio.charset.StandardCharsets.UTF_8) : a[0].str();
            cm = rt.compile(src, "<string>", kind);
        }
        if (globals.getStr("__builtins__") == null && globals != rt.currentGlobals()) {
            globals.putStr("__builtins__", rt.modules().getStr("builtins"));
        }
        return rt.run(cm, globals, locals);
    }

    private static void def(PyDict b, String name, int min, int max, NativeCode code) {
        b.putStr(name, new PyBuiltinFunction(name, min, max, false, code));
    }

    private static void def(PyDict b, String name, int min, int max, java.util.function.Function<PyObject[], PyObject> code) {
        b.putStr(name, new PyBuiltinFunction(name, min, max, false, (a, kw) -> code.apply(a)));
    }

    private static void defKw(PyDict b, String name, int min, int max, NativeCode code) {
        b.putStr(name, new PyBuiltinFunction(name, min, max, true, code));
    }

    private static void def(PyDict b, String name, int min, int max, boolean kw, NativeCode code) {
        b.putStr(name, new PyBuiltinFunction(name, min, max, kw, code));
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
        return s.value().intern();
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
            Ops.getAttr(file, "write").call(new PyObject[] {PyStr.of(sb.toString())}, null);
        } else {
            rt.writeOut(sb.toString());
        }
        return PyNone.NONE;
    }

    static boolean isInstance(PyObject o, PyObject cls) {
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
        });
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
        });
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
        });
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
        });
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

    static PyObject intConstructor(PyObject[] a, String[] kw) {
        int n = Py.positional(a, kw);
        if (n == 0) {
            return PyInt.of(0);
        }
        PyObject x = a[0];
        if (x instanceof PyInstance pi && pi.base() != null && x.type().lookup("__int__") == null) {
            x = pi.base();
        }
        if (n == 1) {
            if (x instanceof PyInt i) {
                return PyInt.of(i.toBig());
            }
            if (x instanceof PyFloat f) {
                if (Double.isNaN(f.value) || Double.isInfinite(f.value)) {
                    throw Py.valueError("can't convert " + (Double.isNaN(f.value) ? "NaN" : "inf") + " to int");
                }
                return PyInt.of(new java.math.BigDecimal(f.value).toBigInteger());
            }
            if (x instanceof PyStr s) {
                return parseInt(s.value(), 10);
            }
            if (x instanceof PyBytes by) {
                return parseInt(new String(by.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1), 10);
            }
            PyObject m = x.type().lookup("__int__");
            if (m != null) {
                PyObject r = m.call(new PyObject[] {x}, null);
                if (!(r instanceof PyInt)) {
                    throw Py.typeError("__int__ returned non-int (type " + r.type().name() + ")");
                }
                return r;
            }
            throw Py.typeError("can't convert " + x.type().name() + " to int");
        }
        return parseInt(x.str(), (int) Ops.indexValue(a[1], "int"));
    }

    static PyInt parseInt(String text, int base) {
        String s = text.strip().replace("_", "");
        boolean neg = false;
        String body = s;
        if (body.startsWith("-") || body.startsWith("+")) {
            neg = body.startsWith("-");
            body = body.substring(1);
        }
        String lower = body.toLowerCase();
        if ((base == 16 || base == 0) && lower.startsWith("0x")) {
            body = body.substring(2);
            base = 16;
        } else if ((base == 8 || base == 0) && lower.startsWith("0o")) {
            body = body.substring(2);
            base = 8;
        } else if ((base == 2 || base == 0) && lower.startsWith("0b")) {
            body = body.substring(2);
            base = 2;
        } else if (base == 0) {
            base = 10;
        }
        try {
            if (body.isEmpty() || body.startsWith("-") || body.startsWith("+")) {
                throw new NumberFormatException();
            }
            BigInteger v = new BigInteger(body, base);
            return PyInt.of(neg ? v.negate() : v);
        } catch (NumberFormatException e) {
            throw Py.valueError("invalid syntax for integer with base " + base + ": " + PyStr.quote(text));
        }
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
        if (x instanceof PyStr s) {
            String t = s.value().strip().toLowerCase();
            switch (t) {
                case "inf":
                case "+inf":
                case "infinity":
                    return new PyFloat(Double.POSITIVE_INFINITY);
                case "-inf":
                case "-infinity":
                    return new PyFloat(Double.NEGATIVE_INFINITY);
                case "nan":
                case "+nan":
                case "-nan":
                    return new PyFloat(Double.NaN);
                default:
                    break;
            }
            try {
                if (t.isEmpty() || t.endsWith("d") || t.endsWith("f") || t.startsWith("0x")) {
                    throw new NumberFormatException();
                }
                return new PyFloat(Double.parseDouble(t.replace("_", "")));
            } catch (NumberFormatException e) {
                throw Py.valueError("invalid syntax for number");
            }
        }
        PyObject m = x.type().lookup("__float__");
        if (m != null) {
            return m.call(new PyObject[] {x}, null);
        }
        throw Py.typeError("can't convert " + x.type().name() + " to float");
    }
}
