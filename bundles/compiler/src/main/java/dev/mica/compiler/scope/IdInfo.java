package dev.mica.compiler.scope;

/** One name used in a scope. */
public final class IdInfo {
    public static final int FLAG_PARAM = 0x01;
    public static final int FLAG_STAR_PARAM = 0x02;
    public static final int FLAG_DBL_STAR_PARAM = 0x04;

    public final String name;
    public IdKind kind;
    public int flags;
    /** the local slot (LOCAL) or the closure slot (CELL/FREE) */
    public int localNum;

    IdInfo(String name, IdKind kind) {
        this.name = name;
        this.kind = kind;
    }

    public boolean isParam() {
        return (flags & FLAG_PARAM) != 0;
    }
}
