package dev.mica.modules.vfs.lfs1;

import dev.mica.obj.Py;
import dev.mica.obj.PyException;

/**
 * A failure inside the file system, carrying littlefs's error number: the negative errno that
 * the Python methods raise as OSError with its absolute value.
 */
final class LfsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int IO = -5;
    static final int CORRUPT = -52;
    static final int NOENT = -2;
    static final int EXIST = -17;
    static final int NOTDIR = -20;
    static final int ISDIR = -21;
    static final int NOTEMPTY = -39;
    static final int BADF = -9;
    static final int FBIG = -27;
    static final int INVAL = -22;
    static final int NOSPC = -28;
    static final int ROFS = -30;

    final int code;

    LfsError(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    @Override
    public String getMessage() {
        return "littlefs error " + code;
    }

    /** The OSError MicroPython raises for this error. */
    PyException toPython() {
        return Py.osError(-code);
    }
}
