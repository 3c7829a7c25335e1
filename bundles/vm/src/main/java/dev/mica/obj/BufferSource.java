package dev.mica.obj;

/**
 * Implemented by the types that have the buffer protocol (bytes, bytearray, array.array,
 * memoryview). {@link Buffers} is the way to ask any object for its buffer: it also covers str
 * and instances of user subclasses of these types.
 */
public interface BufferSource {
    /** A view of the object's current contents; {@code writable} tells whether writes are allowed. */
    BufferView buffer();
}
