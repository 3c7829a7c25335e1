package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** repr of text, the order and printing of built-in type tables, and growth against the heap budget. */
class ReprAndMemoryLimitsTest {
    private static final long SMALL_HEAP = 64 * 1024;

    @AfterEach
    void restoreHeap() {
        HeapBudget.configure(dev.mica.interp.InterpreterConfig.DEFAULT_HEAP_SIZE);
    }

    private static PyObject call(PyObject self, String method, PyObject... args) {
        return Ops.getAttr(self, method).call(args, null);
    }

    private static String errorType(Runnable r) {
        return assertThrows(PyException.class, r::run).getMessage().split(":")[0];
    }

    @Test
    void reprEscapesEverythingButPrintableAscii() {
        assertEquals("'a\\uffff'", PyStr.of("a\uffff").repr());
        assertEquals("'a\\U0001ffff'", PyStr.of("a" + new String(Character.toChars(0x1ffff))).repr());
        assertEquals("'\\xe9\\x7f\\xa0\\x01'", PyStr.of("\u00e9\u007f\u00a0\u0001").repr());
        assertEquals("'\\u1234\\n\\t\\r'", PyStr.of("\u1234\n\t\r").repr());
        assertEquals("\"it's\"", PyStr.of("it's").repr());
        assertEquals("'\\'\"'", PyStr.of("'\"").repr());
        assertEquals("'\\\\ ~'", PyStr.of("\\ ~").repr());
    }

    @Test
    void descriptorsPrintAsTheirTypeName() {
        PyObject f = PyInt.TYPE.dict().get("to_bytes");
        assertEquals("<classmethod>", new PyDescriptors.ClassMethod(f).str());
        assertEquals("<staticmethod>", new PyDescriptors.StaticMethod(f).repr());
        assertEquals("<classmethod>", PyInt.TYPE.dict().get("from_bytes").str());
        assertEquals("<classmethod>", PyDict.TYPE.dict().get("fromkeys").str());
    }

    @Test
    void dictFromkeysIsAClassMethodBuildingAPlainDict() {
        PyObject d = call(PyDict.TYPE, "fromkeys", PyList.of(PyInt.of(1), PyInt.of(2)), PyInt.of(0));
        assertEquals("{1: 0, 2: 0}", d.repr());
    }

    @Test
    void builtinTypeTablesFollowMicroPythonsOrder() {
        // dict's __getitem__/__setitem__/__delitem__ come with the builtins of a runtime
        new dev.mica.vm.runtime.Runtime(() -> null, dev.mica.code.CompileOptions.DEFAULT, new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream(), List.of(), List.of());
        assertEquals(List.of("append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"),
                helpNames(PyList.TYPE));
        assertEquals(List.of("count", "index"), helpNames(PyTuple.TYPE));
        assertEquals(List.of("from_bytes", "to_bytes"), helpNames(PyInt.TYPE));
        List<String> dict = helpNames(PyDict.TYPE);
        assertEquals(List.of("clear", "copy", "fromkeys", "get"), dict.subList(0, 4));
        assertEquals("__delitem__", dict.get(dict.size() - 1));
        List<String> str = helpNames(PyStr.TYPE);
        assertEquals(List.of("find", "rfind", "index", "rindex", "join"), str.subList(0, 5));
        List<String> bytearray = helpNames(PyByteArray.TYPE);
        assertEquals(List.of("append", "extend", "hex", "fromhex", "decode", "find"), bytearray.subList(0, 6));
        assertFalse(helpNames(PyList.TYPE).contains("__init__"));
    }

    private static List<String> helpNames(PyType t) {
        List<String> names = new ArrayList<>();
        for (String name : t.dict().keySet()) {
            if (t.listsInHelp(name)) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void repeatingPastTheHeapRaisesMemoryErrorWithoutWrapping() {
        PyList thousand = new PyList();
        for (int i = 0; i < 1000; i++) {
            thousand.append(PyInt.of(i));
        }
        assertEquals("MemoryError", errorType(() -> Ops.binary(Ops.MULTIPLY, thousand, PyInt.of(1_000_000_000))));
        // 2**32 * 1000 wraps a 32-bit product; the exact count must still be refused
        assertEquals("MemoryError", errorType(() -> Ops.binary(Ops.MULTIPLY, thousand, PyInt.of(1L << 32))));
        assertEquals("MemoryError", errorType(() -> Ops.binary(Ops.MULTIPLY, thousand, PyInt.of(Long.MAX_VALUE / 3))));
        assertEquals("MemoryError", errorType(() -> Ops.binary(Ops.MULTIPLY, PyStr.of("ab"), PyInt.of(1L << 40))));
        PyObject huge = Ops.binary(Ops.POWER, PyInt.of(2), PyInt.of(100));
        assertEquals("OverflowError", errorType(() -> Ops.binary(Ops.MULTIPLY, thousand, huge)));
        assertEquals(1000, thousand.len());
        assertEquals(3000, ((PyList) Ops.binary(Ops.MULTIPLY, thousand, PyInt.of(3))).len());
    }

    @Test
    void growingWithoutBoundStopsPromptlyAtTheHeap() {
        HeapBudget.configure(SMALL_HEAP);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            PyList l = new PyList();
            assertEquals("MemoryError", errorType(() -> call(l, "extend", new PyRange(0, 1_000_000_000, 1))));
            assertTrue(l.len() <= SMALL_HEAP / HeapBudget.SLOT_BYTES);
            PyList appended = new PyList();
            assertEquals("MemoryError", errorType(() -> {
                while (true) {
                    appended.append(PyNone.NONE);
                }
            }));
            assertEquals("MemoryError", errorType(() -> PyList.TYPE.call(new PyObject[] {new PyRange(0, 1_000_000_000, 1)}, null)));
        });
    }

    @Test
    void strEqualsBuffersByItsUtf8Bytes() {
        PyByteArray a = new PyByteArray("a".getBytes(StandardCharsets.UTF_8));
        assertTrue(Ops.eq(PyStr.of("a"), a));
        assertTrue(Ops.eq(a, PyStr.of("a")));
        assertTrue(Ops.eq(PyStr.of("\u00e9"), new PyByteArray("\u00e9".getBytes(StandardCharsets.UTF_8))));
        assertFalse(Ops.eq(PyStr.of("b"), a));
        assertFalse(Ops.eq(PyStr.of("a"), new PyBytes("a".getBytes(StandardCharsets.UTF_8))));
    }
}
