package dev.mica.compiler.scope;

import java.util.ArrayList;
import java.util.List;

/**
 * A compilation scope and its names. Names are found in the order they were first met, which
 * fixes local slot numbers; closures are resolved as MicroPython does: a name read in an inner
 * function that an enclosing function binds becomes FREE there and CELL in the binder.
 */
public final class Scope {
    public final ScopeKind kind;
    public final Scope parent;
    public final String simpleName;
    /** the AST node compiled in this scope */
    public final Object node;
    public final List<IdInfo> ids = new ArrayList<>();

    public int flags;
    /** The code emitter this scope asked for: its decorator's, else its parent's (or the module default). */
    public dev.mica.code.EmitMode emitMode = dev.mica.code.EmitMode.BYTECODE;
    public int numPosArgs;
    public int numKwonlyArgs;
    public int numDefPosArgs;
    public int numLocals;
    public int stackSize;
    public int excStackSize;

    public Scope(ScopeKind kind, Scope parent, String simpleName, Object node) {
        this.kind = kind;
        this.parent = parent;
        this.simpleName = simpleName;
        this.node = node;
    }

    public IdInfo find(String name) {
        for (IdInfo id : ids) {
            if (id.name.equals(name)) {
                return id;
            }
        }
        return null;
    }

    public IdInfo findOrAdd(String name, IdKind kind) {
        IdInfo id = find(name);
        if (id == null) {
            id = new IdInfo(name, kind);
            ids.add(id);
        }
        return id;
    }

    public IdInfo findGlobal(String name) {
        Scope s = this;
        while (s.parent != null) {
            s = s.parent;
        }
        return s.find(name);
    }

    /** The id a read of {@code name} refers to (added as an implicit global if new). */
    public void noteLoad(String name) {
        findOrAdd(name, IdKind.GLOBAL_IMPLICIT);
    }

    /** The id a store or delete of {@code name} refers to, making it local in function-like scopes. */
    public IdInfo noteModification(String name) {
        IdInfo id = findOrAdd(name, IdKind.GLOBAL_IMPLICIT);
        if (id.kind == IdKind.GLOBAL_IMPLICIT) {
            id.kind = kind.isFunctionLike() ? IdKind.LOCAL : IdKind.GLOBAL_IMPLICIT_ASSIGNED;
        }
        return id;
    }

    private void closeOverInParents(String name) {
        for (Scope s = parent; ; s = s.parent) {
            IdInfo id = s.findOrAdd(name, IdKind.UNDECIDED);
            if (id.kind == IdKind.UNDECIDED) {
                id.kind = IdKind.FREE;
            } else {
                if (id.kind == IdKind.LOCAL) {
                    id.kind = IdKind.CELL;
                }
                return;
            }
        }
    }

    /** Turns an implicit global into a free variable if an enclosing function binds it. */
    public void checkToCloseOver(IdInfo id) {
        if (parent == null) {
            return;
        }
        for (Scope s = parent; s.parent != null; s = s.parent) {
            IdInfo id2 = s.find(id.name);
            if (id2 != null) {
                if (id2.kind == IdKind.LOCAL || id2.kind == IdKind.CELL || id2.kind == IdKind.FREE) {
                    id.kind = IdKind.FREE;
                    closeOverInParents(id.name);
                }
                break;
            }
        }
    }

    /** After the scope pass: assigns local and closure slot numbers. */
    public void computeSlots() {
        if ((flags & 0x04) != 0) {
            // the *args parameter takes the slot after the named positional ones
            IdInfo param = null;
            for (int i = ids.size() - 1; i >= 0; i--) {
                IdInfo id = ids.get(i);
                if ((id.flags & IdInfo.FLAG_STAR_PARAM) != 0) {
                    if (param != null) {
                        ids.set(ids.indexOf(param), id);
                        ids.set(i, param);
                    }
                    break;
                } else if (param == null && id.flags == IdInfo.FLAG_PARAM) {
                    param = id;
                }
            }
        }
        numLocals = 0;
        for (IdInfo id : ids) {
            if (kind == ScopeKind.CLASS && id.name.equals("__class__")) {
                continue;
            }
            if (kind.isFunctionLike() && id.kind == IdKind.GLOBAL_IMPLICIT) {
                id.kind = IdKind.GLOBAL_EXPLICIT;
            }
            if (id.kind == IdKind.LOCAL || id.isParam()) {
                id.localNum = numLocals++;
            }
        }
        for (IdInfo id : ids) {
            if (id.kind == IdKind.CELL && !id.isParam()) {
                id.localNum = numLocals++;
            }
        }
        if (parent != null) {
            int numFree = 0;
            for (IdInfo pid : parent.ids) {
                if (pid.kind == IdKind.CELL || pid.kind == IdKind.FREE) {
                    for (IdInfo id : ids) {
                        if (id.kind == IdKind.FREE && id.name.equals(pid.name)) {
                            id.localNum = numFree++;
                        }
                    }
                }
            }
            if (numFree > 0) {
                for (IdInfo id : ids) {
                    if (id.kind != IdKind.FREE || id.isParam()) {
                        id.localNum += numFree;
                    }
                }
                numPosArgs += numFree;
                numLocals += numFree;
            }
        }
    }
}
