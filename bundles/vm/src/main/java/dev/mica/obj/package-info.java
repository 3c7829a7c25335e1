/**
 * The object model: Python objects as Java objects ({@link dev.mica.obj.PyObject} and one class
 * per built-in type), the operations on them ({@link dev.mica.obj.Ops}) and Python exceptions
 * ({@link dev.mica.obj.PyException}). Modules in other bundles are written against it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.obj;
