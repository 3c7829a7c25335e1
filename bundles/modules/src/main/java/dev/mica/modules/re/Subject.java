package dev.mica.modules.re;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/** The bytes of a str or bytes object as the regex engine sees them, and pieces of them turned back into the same type. */
final class Subject {
    private Subject() {}

    /** A str's UTF-8 encoding or a bytes object's bytes; anything else is MicroPython's TypeError. */
    static byte[] bytesOf(PyObject o) {
        if (o instanceof PyStr s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (o instanceof PyBytes b) {
            return b.bytes();
        }
        throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
    }

    /** A str when {@code asStr} (UnicodeError if the bytes are not whole UTF-8 characters), else bytes. */
    static PyObject piece(boolean asStr, byte[] data, int from, int to) {
        if (!asStr) {
            return new PyBytes(java.util.Arrays.copyOfRange(data, from, to));
        }
        try {
            return PyStr.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, from, to - from)).toString());
        } catch (CharacterCodingException e) {
            throw new PyException(new PyBaseException(PyBaseException.UNICODE_ERROR, Py.NO_ARGS));
        }
    }
}
