package dev.mica.modules.vfs.lfs2;

/**
 * A littlefs failure, carrying the positive error number MicroPython raises as OSError
 * (littlefs reports the same numbers negated).
 */
final class LfsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int IO = 5;
    static final int CORRUPT = 84;
    static final int NOENT = 2;
    static final int EXIST = 17;
    static final int NOTDIR = 20;
    static final int ISDIR = 21;
    static final int NOTEMPTY = 39;
    static final int BADF = 9;
    static final int FBIG = 27;
    static final int INVAL = 22;
    static final int NOSPC = 28;
    static final int NAMETOOLONG = 36;

    final int errno;

    LfsException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    @Override
    public String getMessage() {
        return "littlefs error " + errno;
    }
}
