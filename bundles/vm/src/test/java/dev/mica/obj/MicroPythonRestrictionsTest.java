package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deviations from CPython that MicroPython documents and Mica reproduces. */
class MicroPythonRestrictionsTest {
    private static String message(Runnable r) {
        return assertThrows(PyException.class, r::run).getMessage();
    }

    private static PyObject call(PyObject self, String method, PyObject... args) {
        return Ops.getAttr(self, method).call(args, null);
    }

    @Test
    void namesLongerThan255BytesAreRefused() {
        assertEquals("a".repeat(255), Py.name("a".repeat(255)));
        assertEquals("RuntimeError: name too long", message(() -> Py.name("a".repeat(256))));
        // the limit counts UTF-8 bytes: 128 two-byte characters are 256 bytes
        assertEquals("RuntimeError: name too long", message(() -> Py.name("\u00e9".repeat(128))));
        PyObject[] typeArgs = {PyStr.of("b".repeat(256)), new PyTuple(), new PyDict()};
        assertEquals("RuntimeError: name too long", message(() -> PyType.TYPE.call(typeArgs, null)));
    }

    @Test
    void slicesWithAStepOtherThanOneAreNotImplemented() {
        String notImplemented = "NotImplementedError: only slices with step=1 (aka None) are supported";
        PySlice stepTwo = new PySlice(PyNone.NONE, PyNone.NONE, PyInt.of(2));
        assertEquals(notImplemented, message(() -> PyStr.of("abc").getItem(stepTwo)));
        assertEquals(notImplemented, message(() -> new PyTuple(PyInt.of(1), PyInt.of(2)).getItem(stepTwo)));
        PyList list = new PyList(new java.util.ArrayList<>(java.util.List.of(PyInt.of(1), PyInt.of(2), PyInt.of(3))));
        assertEquals("NotImplementedError: ", message(() -> list.delItem(stepTwo)));
        assertEquals("NotImplementedError: ", message(() -> list.setItem(stepTwo, new PyList())));
        list.delItem(new PySlice(PyInt.of(0), PyInt.of(2), PyNone.NONE));
        assertEquals("[3]", list.repr());
        assertEquals("'b'", PyStr.of("abc").getItem(new PySlice(PyInt.of(1), PyInt.of(2), PyInt.of(1))).repr());
    }

    @Test
    void strMethodsKeepMicroPythonsLimits() {
        assertEquals("NotImplementedError: start/end indices",
                message(() -> call(PyStr.of("abc"), "endswith", PyStr.of("c"), PyInt.of(1))));
        assertEquals("NotImplementedError: rsplit(None,n)",
                message(() -> call(PyStr.of("a a a"), "rsplit", PyNone.NONE, PyInt.of(1))));
        assertEquals("['a a', 'a']", call(PyStr.of("a a a"), "rsplit", PyStr.of(" "), PyInt.of(1)).repr());
        assertEquals("NotImplementedError: keyword argument(s) not implemented - use normal args instead",
                message(() -> PyStr.TYPE.call(new PyObject[] {PyInt.of(1)}, new String[] {"object"})));
    }

    @Test
    void builtInExceptionInstancesTakeNoAttributes() {
        PyBaseException e = new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS);
        assertEquals("AttributeError: 'ValueError' object has no attribute 'x'", message(() -> e.setAttr("x", PyInt.of(0))));
    }

    @Test
    void specialAccessorsCannotBeAddedToASubclassedClass() {
        PyType base = PyType.userClass("A", new PyType[0], Map.of());
        PyType.userClass("B", new PyType[] {base}, Map.of());
        base.setAttr("plain", PyInt.of(1));
        PyObject property = new PyDescriptors.Property(PyNone.NONE, PyNone.NONE, PyNone.NONE);
        assertEquals("AttributeError: can't add special method to already-subclassed class",
                message(() -> base.setAttr("p", property)));
        PyType alone = PyType.userClass("C", new PyType[0], Map.of());
        alone.setAttr("p", property);
        // once the class has a special accessor, more may be added after subclassing
        PyType.userClass("D", new PyType[] {alone}, Map.of());
        alone.setAttr("q", property);
    }
}
