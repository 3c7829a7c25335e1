package dev.mica.compiler.emit;

import dev.mica.code.CompileError;
import dev.mica.code.EmitHints;
import dev.mica.code.EmitMode;
import dev.mica.code.JvmNativeCode;
import dev.mica.compiler.parse.Expr;
import dev.mica.compiler.parse.Param;
import dev.mica.compiler.parse.Stmt;
import dev.mica.compiler.scope.IdInfo;
import dev.mica.compiler.scope.IdKind;
import dev.mica.compiler.scope.Scope;
import java.util.ArrayList;
import java.util.List;

/** The emitter hints a scope's raw code carries: its emit mode and viper's annotated types. */
final class EmitterHints {
    private EmitterHints() {}

    static EmitHints of(Scope s) {
        if (s.emitMode == EmitMode.BYTECODE) {
            return EmitHints.BYTECODE;
        }
        List<String> localNames = new ArrayList<>();
        for (IdInfo id : s.ids) {
            if (id.kind == IdKind.LOCAL || id.kind == IdKind.CELL || id.kind == IdKind.FREE || id.isParam()) {
                while (localNames.size() <= id.localNum) {
                    localNames.add(null);
                }
                if (localNames.get(id.localNum) == null) {
                    localNames.set(id.localNum, id.name);
                }
            }
        }
        if (s.emitMode != EmitMode.VIPER || !(s.node instanceof Stmt.FunctionDef def)) {
            return new EmitHints(s.emitMode, List.of(), null, localNames);
        }
        List<String> types = new ArrayList<>();
        for (Param p : def.params()) {
            if (p.kind() == Param.Kind.NORMAL) {
                types.add(p.annotation() instanceof Expr.Name n ? n.id() : null);
            }
        }
        String ret = def.returns() instanceof Expr.Name n ? n.id() : null;
        return new EmitHints(EmitMode.VIPER, types, ret, localNames);
    }

    /**
     * Viper's compile-time checks of annotations: each must be an identifier (SyntaxError) that
     * names a viper type (ViperTypeError), as MicroPython checks them while it reads the scope.
     */
    static void checkViperAnnotations(Stmt.FunctionDef def, String sourceFile) throws CompileError {
        for (Param p : def.params()) {
            if (p.kind() == Param.Kind.NORMAL) {
                check(p.annotation(), p.line(), sourceFile);
            }
        }
        check(def.returns(), def.line(), sourceFile);
    }

    private static void check(Expr annotation, int line, String sourceFile) throws CompileError {
        if (annotation == null) {
            return;
        }
        if (!(annotation instanceof Expr.Name n)) {
            throw new CompileError("SyntaxError", "annotation must be an identifier", sourceFile, line);
        }
        if (!JvmNativeCode.VIPER_TYPES.contains(n.id())) {
            throw new CompileError("ViperTypeError", "unknown type '" + n.id() + "'", sourceFile, line);
        }
    }
}
