package dev.mica.obj;

/** Body of a function written in Java: positional arguments first, then keyword values named by {@code kwNames}. */
@FunctionalInterface
public interface NativeCode {
    PyObject call(PyObject[] args, String[] kwNames);
}
