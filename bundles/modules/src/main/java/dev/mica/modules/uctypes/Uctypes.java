package dev.mica.modules.uctypes;

import dev.mica.obj.PyType;

/** What the uctypes of one interpreter share: its address space and its struct type. */
final class Uctypes {
    final AddressSpace memory = new AddressSpace();
    final PyType structType = PyType.builtin("struct", PyType.OBJECT);
}
