package dev.mica.obj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** MicroPython's error numbers (Linux values) and their names, as OSError and the errno module show them. */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRINUSE = 98;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    /** Names by number, in MicroPython's order. */
    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(EPERM, "EPERM");
        NAMES.put(ENOENT, "ENOENT");
        NAMES.put(EIO, "EIO");
        NAMES.put(EBADF, "EBADF");
        NAMES.put(EAGAIN, "EAGAIN");
        NAMES.put(ENOMEM, "ENOMEM");
        NAMES.put(EACCES, "EACCES");
        NAMES.put(EEXIST, "EEXIST");
        NAMES.put(ENODEV, "ENODEV");
        NAMES.put(EISDIR, "EISDIR");
        NAMES.put(EINVAL, "EINVAL");
        NAMES.put(EOPNOTSUPP, "EOPNOTSUPP");
        NAMES.put(EADDRINUSE, "EADDRINUSE");
        NAMES.put(ECONNABORTED, "ECONNABORTED");
        NAMES.put(ECONNRESET, "ECONNRESET");
        NAMES.put(ENOBUFS, "ENOBUFS");
        NAMES.put(ENOTCONN, "ENOTCONN");
        NAMES.put(ETIMEDOUT, "ETIMEDOUT");
        NAMES.put(ECONNREFUSED, "ECONNREFUSED");
        NAMES.put(EHOSTUNREACH, "EHOSTUNREACH");
        NAMES.put(EALREADY, "EALREADY");
        NAMES.put(EINPROGRESS, "EINPROGRESS");
    }

    /** Every known error number with its name, in MicroPython's order. */
    public static Map<Integer, String> names() {
        return Collections.unmodifiableMap(NAMES);
    }

    /** The symbolic name of an error number (as OSError's text shows it), or null. */
    public static String name(long errno) {
        return errno < 0 || errno > Integer.MAX_VALUE ? null : NAMES.get((int) errno);
    }

}
