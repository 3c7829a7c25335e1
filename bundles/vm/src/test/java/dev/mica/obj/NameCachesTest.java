package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NameCachesTest {
    private static final PyStr X = PyStr.name("x");
    private static final PyStr LEN = PyStr.name("len");

    @Test
    void globalCacheFollowsAssignmentsDeletionsAndShadowing() {
        PyDict globals = new PyDict();
        PyDict builtins = new PyDict();
        GlobalCache cache = new GlobalCache(2);
        PyObject builtinLen = PyStr.of("builtin len");
        builtins.put(LEN, builtinLen);
        globals.put(X, PyInt.of(1));

        assertEquals(PyInt.of(1), cache.get(0, X, globals, builtins));
        assertSame(builtinLen, cache.get(1, LEN, globals, builtins));

        globals.put(X, PyInt.of(2)); // a new value in the same entry
        assertEquals(PyInt.of(2), cache.get(0, X, globals, builtins));

        PyObject shadow = PyStr.of("global len");
        globals.put(LEN, shadow); // a global now hides the builtin
        assertSame(shadow, cache.get(1, LEN, globals, builtins));

        globals.map().remove(LEN);
        assertSame(builtinLen, cache.get(1, LEN, globals, builtins));

        globals.map().remove(X);
        assertNull(cache.get(0, X, globals, builtins));

        PyDict other = new PyDict();
        other.put(X, PyInt.of(9)); // another namespace for the same code
        assertEquals(PyInt.of(9), cache.get(0, X, other, builtins));
    }

    @Test
    void globalCacheAssignsInPlaceOrAdds() {
        PyDict globals = new PyDict();
        PyDict builtins = new PyDict();
        GlobalCache cache = new GlobalCache(1);
        cache.put(0, X, globals, PyInt.of(1));
        assertEquals(PyInt.of(1), globals.get(X));
        assertEquals(PyInt.of(1), cache.get(0, X, globals, builtins));
        cache.put(0, X, globals, PyInt.of(3));
        assertEquals(PyInt.of(3), globals.get(X));
        assertEquals(1, globals.map().size());
        globals.map().clear();
        cache.put(0, X, globals, PyInt.of(4));
        assertEquals(PyInt.of(4), cache.get(0, X, globals, builtins));
    }

    @Test
    void manyInstanceAttributesKeepOrderThroughRemovals() {
        PyInstance o = new PyInstance(PyType.OBJECT);
        Map<String, PyObject> dict = o.dict();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            dict.put(new String("attr" + i), PyInt.of(i)); // not interned: put interns
            expected.add("attr" + i);
        }
        for (int i = 0; i < 40; i += 3) {
            assertEquals(PyInt.of(i), dict.remove("attr" + i));
            expected.remove("attr" + i);
        }
        assertEquals(expected, new ArrayList<>(dict.keySet()));
        for (String name : expected) {
            int i = Integer.parseInt(name.substring(4));
            assertEquals(PyInt.of(i), dict.get(new String(name)));
            assertEquals(PyInt.of(i), o.ownAttribute(name.intern()));
        }
        assertNull(dict.get("attr3"));
        assertNull(o.ownAttribute("attr3"));
        assertFalse(dict.containsKey("attr0"));
        o.putOwnAttribute("attr1", PyInt.of(-1));
        o.putOwnAttribute("extra", PyInt.of(-2));
        assertEquals(PyInt.of(-1), dict.get("attr1"));
        assertEquals("extra", new ArrayList<>(dict.keySet()).get(dict.size() - 1));
        dict.clear();
        assertNull(o.ownAttribute("attr1"));
        o.putOwnAttribute("a", PyInt.of(5));
        assertEquals(PyInt.of(5), dict.get("a"));
    }

    @Test
    void dictEntryCacheFollowsValuesAndGoesStaleWhenEntriesChange() {
        PyDict module = new PyDict();
        module.put(X, PyInt.of(1));
        DictEntryCache place = DictEntryCache.find(module, X);
        assertEquals(PyInt.of(1), place.valueIn(module));

        module.put(X, PyInt.of(2)); // a new value in the same entry
        assertEquals(PyInt.of(2), place.valueIn(module));

        assertNull(place.valueIn(new PyDict()), "another dict");
        module.put(LEN, PyInt.of(3)); // a new entry: the place may no longer be the key's
        assertNull(place.valueIn(module));

        DictEntryCache again = DictEntryCache.find(module, X);
        module.map().remove(X);
        assertNull(again.valueIn(module));
        assertNull(DictEntryCache.find(module, X));
    }

    @Test
    void classLookupsFollowNamespaceChanges() {
        PyType base = PyType.userClass("Base", new PyType[0], new java.util.LinkedHashMap<>());
        PyType sub = PyType.userClass("Sub", new PyType[] {base}, new java.util.LinkedHashMap<>());
        assertNull(sub.lookup("__add__"));
        PyObject add = PyStr.of("add");
        base.setAttr("__add__", add);
        assertSame(add, sub.lookup("__add__"));
        PyObject own = PyStr.of("own");
        sub.setAttr("__add__", own);
        assertSame(own, sub.lookup("__add__"));
        sub.setAttr("__add__", null);
        assertSame(add, sub.lookup("__add__"));
        assertSame(add, sub.lookup(new String("__add__")), "a name that is not interned");
    }
}
