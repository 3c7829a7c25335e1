package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void objectTableBehavesLikeAnInsertionOrderedMap() {
        ObjectTable table = new ObjectTable();
        Map<PyObject, PyObject> model = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 20000; step++) {
            PyObject key = random.nextBoolean() ? PyInt.of(random.nextInt(300)) : PyStr.of("k" + random.nextInt(300));
            if (random.nextInt(3) == 0) {
                assertEquals(model.remove(key), table.remove(key));
            } else {
                PyObject value = PyInt.of(step);
                assertEquals(model.put(key, value), table.put(key, value));
            }
        }
        assertEquals(model.size(), table.size());
        assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(table.entrySet()));
        for (PyObject k : model.keySet()) {
            assertTrue(table.containsKey(k));
        }
        assertNull(table.get(PyStr.of("absent")));
    }

    @Test
    void equalNumbersAreTheSameKey() {
        ObjectTable table = new ObjectTable();
        table.put(PyInt.of(1), PyStr.of("int"));
        table.put(new PyFloat(1.0), PyStr.of("float"));
        assertEquals(1, table.size());
        assertEquals("float", table.get(PyInt.of(1)).str());
    }

    @Test
    void attributeMapKeepsOrderAndRemoves() {
        AttributeMap attrs = new AttributeMap();
        for (String n : List.of("a", "b", "c", "d", "e")) {
            attrs.put(n, PyStr.of(n));
        }
        attrs.remove("b");
        attrs.put("a", PyStr.of("A"));
        assertEquals(List.of("a", "c", "d", "e"), new ArrayList<>(attrs.keySet()));
        assertEquals("A", attrs.get(new String("a")).str());
        assertFalse(attrs.containsKey("b"));
        attrs.entrySet().removeIf(e -> e.getKey().equals("d"));
        assertEquals(3, attrs.size());
    }
}
