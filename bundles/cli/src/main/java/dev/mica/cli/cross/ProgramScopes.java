package dev.mica.cli.cross;

import dev.mica.compiler.parse.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The function and class scopes of a parsed program, for what mpy-cross reports about them:
 * the first decorator that asks for native code, which a bytecode-only target refuses.
 */
final class ProgramScopes {
    static final String MODULE_SCOPE = "<module>";

    private static final List<String> NATIVE_DECORATORS = List.of("native", "viper", "asm_thumb", "asm_xtensa");

    /** A {@code @micropython.native} (or viper, or asm) decorator and the scope it is written in. */
    record NativeDecorator(String kind, int line, String enclosingScope) {}

    private record Scope(String name, List<Stmt> body, int line) {}

    /**
     * A definition and, when it is the only statement of its list, the line of the statement
     * (or scope) that holds that list, else 0.
     */
    private record Placed(Stmt definition, int soleStatementOf) {}

    private ProgramScopes() {}

    /**
     * The first native-code decorator in the order MicroPython compiles scopes: the module, then
     * its functions and classes in order, then theirs (each scope is queued as it is met).
     */
    static Optional<NativeDecorator> firstNativeDecorator(List<Stmt> module) {
        Deque<Scope> pending = new ArrayDeque<>();
        pending.add(new Scope(MODULE_SCOPE, module, 1));
        while (!pending.isEmpty()) {
            Scope scope = pending.poll();
            List<Placed> definitions = new ArrayList<>();
            collectDefinitions(scope.body(), scope.line(), definitions);
            for (Placed placed : definitions) {
                Stmt definition = placed.definition();
                List<Stmt.Decorator> decorators;
                if (definition instanceof Stmt.FunctionDef f) {
                    decorators = f.decorators();
                    pending.add(new Scope(f.name(), f.body(), f.line()));
                } else {
                    Stmt.ClassDef c = (Stmt.ClassDef) definition;
                    decorators = c.decorators();
                    pending.add(new Scope(c.name(), c.body(), c.line()));
                }
                for (Stmt.Decorator d : decorators == null ? List.<Stmt.Decorator>of() : decorators) {
                    List<String> name = d.dottedName();
                    if (name.size() == 2 && name.get(0).equals("micropython")
                            && NATIVE_DECORATORS.contains(name.get(1))) {
                        // MicroPython reports the line of the statement list when it has no other statement
                        int line = placed.soleStatementOf() > 0 ? placed.soleStatementOf() : d.line();
                        return Optional.of(new NativeDecorator(name.get(1), line, scope.name()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void collectDefinitions(List<Stmt> body, int ownerLine, List<Placed> out) {
        if (body == null) {
            return;
        }
        for (Stmt s : body) {
            if (s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef) {
                out.add(new Placed(s, body.size() == 1 ? ownerLine : 0));
            } else {
                for (List<Stmt> nested : nestedBodies(s)) {
                    collectDefinitions(nested, s.line(), out);
                }
            }
        }
    }

    /** The statement lists a compound statement holds that belong to the same scope. */
    private static List<List<Stmt>> nestedBodies(Stmt s) {
        List<List<Stmt>> out = new ArrayList<>();
        if (s instanceof Stmt.If i) {
            out.add(i.body());
            if (i.elifs() != null) {
                i.elifs().forEach(e -> out.add(e.body()));
            }
            out.add(i.orElse());
        } else if (s instanceof Stmt.While w) {
            out.add(w.body());
            out.add(w.orElse());
        } else if (s instanceof Stmt.For f) {
            out.add(f.body());
            out.add(f.orElse());
        } else if (s instanceof Stmt.Try t) {
            out.add(t.body());
            if (t.handlers() != null) {
                t.handlers().forEach(h -> out.add(h.body()));
            }
            out.add(t.orElse());
            out.add(t.finalBody());
        } else if (s instanceof Stmt.With w) {
            out.add(w.body());
        }
        out.removeIf(b -> b == null);
        return out.isEmpty() ? Collections.emptyList() : out;
    }
}
