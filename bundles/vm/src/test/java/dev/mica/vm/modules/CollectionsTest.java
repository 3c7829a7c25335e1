package dev.mica.vm.modules;

import static dev.mica.vm.modules.ModuleTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.mica.obj.Ops;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

class CollectionsTest {
    private static PyObject deque(int maxlen, int... items) {
        PyObject[] values = new PyObject[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = PyInt.of(items[i]);
        }
        return Deque.TYPE.call(new PyObject[] {new PyTuple(values), PyInt.of(maxlen)}, null);
    }

    @Test
    void aFullDequeDropsFromTheOtherEnd() {
        PyObject d = deque(3, 1, 2, 3, 4);
        assertEquals("[2, 3, 4]", Ops.repr(PyList.of(Ops.toArray(d))));
        call(d, "appendleft", PyInt.of(9));
        assertEquals("[9, 2, 3]", Ops.repr(PyList.of(Ops.toArray(d))));
        assertEquals(3, d.len());
    }

    @Test
    void theOverflowFlagRaisesInstead() {
        PyObject d = Deque.TYPE.call(new PyObject[] {PyTuple.EMPTY, PyInt.of(1), PyInt.of(1)}, null);
        call(d, "append", PyInt.of(1));
        PyException e = assertThrows(PyException.class, () -> call(d, "append", PyInt.of(2)));
        assertEquals("full", e.value().argsText());
        call(d, "pop");
        e = assertThrows(PyException.class, () -> call(d, "popleft"));
        assertEquals("empty", e.value().argsText());
    }

    @Test
    void namedTupleFieldsByPositionAndKeyword() {
        PyObject type = NamedTuple.newType(PyStr.of("P"), PyStr.of("x y"));
        PyObject p = type.call(new PyObject[] {PyInt.of(1), PyInt.of(2)}, new String[] {"y"});
        assertEquals("P(x=1, y=2)", p.repr());
        assertTrue(p.pyEquals(new PyTuple(PyInt.of(1), PyInt.of(2))));
        PyException e = assertThrows(PyException.class, () -> type.call(new PyObject[] {PyInt.of(1)}, null));
        assertEquals("P() takes 2 positional arguments but 1 were given", e.value().argsText());
    }

    @Test
    void orderedDictsCompareInOrderAndNeverEqualPlainDicts() {
        OrderedDict a = new OrderedDict();
        OrderedDict b = new OrderedDict();
        a.putStr("x", PyInt.of(1));
        a.putStr("y", PyInt.of(2));
        b.putStr("y", PyInt.of(2));
        b.putStr("x", PyInt.of(1));
        assertFalse(a.pyEquals(b));
        dev.mica.obj.PyDict plain = new dev.mica.obj.PyDict();
        plain.update(a);
        assertFalse(a.pyEquals(plain));
        assertFalse(plain.pyEquals(a));
        assertEquals("OrderedDict({'x': 1, 'y': 2})", a.repr());
    }
}
