package dev.mica.modules.uctypes;

import dev.mica.obj.PyType;

/** What the uctypes of one interpreter share: its struct type. */
final class Uctypes {
    final PyType structType = PyType.builtin("struct", PyType.OBJECT);
}
