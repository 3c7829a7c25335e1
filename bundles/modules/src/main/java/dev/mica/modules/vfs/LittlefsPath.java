package dev.mica.modules.vfs;

/**
 * Walking a path as littlefs (v1 and v2) does, name by name over a byte string: slashes separate
 * names, "." and ".." are skipped where they stand, and a name is skipped too when a ".." later
 * in the path takes it back.
 */
public final class LittlefsPath {
    private LittlefsPath() {}

    /**
     * The position of the next name at or after {@code at} that the walk descends into: past
     * slashes, "." and "..", and names a later ".." takes back; the path's length when none is left.
     */
    public static int nextName(byte[] path, int at) {
        while (true) {
            at = skipSlashes(path, at);
            int len = nameLength(path, at);
            if (isDots(path, at, len)) {
                at += len;
                continue;
            }
            int after = afterCancellingDotDot(path, at, len);
            if (after < 0) {
                return at;
            }
            at = after;
        }
    }

    /** The position of the next name at or after {@code at}. */
    public static int skipSlashes(byte[] path, int at) {
        while (at < path.length && path[at] == '/') {
            at++;
        }
        return at;
    }

    /** The length of the name at {@code at}, up to the next slash or the end. */
    public static int nameLength(byte[] path, int at) {
        int n = 0;
        while (at + n < path.length && path[at + n] != '/') {
            n++;
        }
        return n;
    }

    /** Whether the name is "." or "..". */
    private static boolean isDots(byte[] path, int at, int len) {
        return (len == 1 || len == 2) && path[at] == '.' && path[at + len - 1] == '.';
    }

    /**
     * For the name at {@code at} ({@code len} bytes): the position just after the ".." later in
     * the path that takes it back, or -1 when none does.
     */
    private static int afterCancellingDotDot(byte[] path, int at, int len) {
        int s = at + len;
        int depth = 1;
        while (true) {
            s = skipSlashes(path, s);
            int n = nameLength(path, s);
            if (n == 0) {
                return -1;
            }
            if (n == 2 && path[s] == '.' && path[s + 1] == '.') {
                depth--;
                if (depth == 0) {
                    return s + n;
                }
            } else {
                depth++;
            }
            s += n;
        }
    }
}
