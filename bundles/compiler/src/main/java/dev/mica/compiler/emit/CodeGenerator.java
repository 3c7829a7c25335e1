package dev.mica.compiler.emit;

import dev.mica.code.CompileError;
import dev.mica.code.EmitMode;
import dev.mica.code.Constant;
import dev.mica.code.Opcodes;
import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.code.Opcodes.UnaryOp;
import dev.mica.code.RawCode;
import dev.mica.compiler.parse.ConstantFolder;
import dev.mica.compiler.parse.Expr;
import dev.mica.compiler.parse.Param;
import dev.mica.compiler.parse.Stmt;
import dev.mica.compiler.scope.IdInfo;
import dev.mica.compiler.scope.IdKind;
import dev.mica.compiler.scope.Scope;
import dev.mica.compiler.scope.ScopeKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the syntax tree of each scope and drives the {@link BytecodeEmitter}. All scopes first get
 * a scope pass (which finds names and creates child scopes, in source order), then slots are
 * assigned, then each scope gets its stack-size, code-size and emit passes. The order of these
 * passes decides the order of the qstr and constant tables, so it matches MicroPython's.
 */
public final class CodeGenerator {
    private static final int INVALID_LABEL = 0xffff;

    private final String sourceFile;
    private final boolean isRepl;
    private final int optimizationLevel;
    private final int smallIntBits;
    private final ModuleTables tables;
    private final BytecodeEmitter emit;

    private final List<Scope> scopes = new ArrayList<>();
    private final Map<Object, Scope> scopeOfNode = new IdentityHashMap<>();
    private final Map<Scope, List<Scope>> childrenOf = new IdentityHashMap<>();
    private final Map<Scope, byte[]> codeOf = new IdentityHashMap<>();

    private Scope cur;
    private EmitMode defaultEmitMode = EmitMode.BYTECODE;
    /** The emitter named by the last {@code @micropython.xxx} decorator seen, for the def it decorates. */
    private EmitMode decoratorEmitMode;
    private Pass pass;
    private int nextLabel;
    private int breakLabel = INVALID_LABEL;
    private int continueLabel = INVALID_LABEL;
    private int curExceptLevel;
    private int breakContinueExceptLevel;
    private int stmtLine;

    private boolean haveStar;
    private int numDictParams;
    private int numDefaultParams;

    /** The root of a module: its statements, or one expression for eval input. */
    public record ModuleSource(List<Stmt> statements, Expr expression) {}

    public CodeGenerator(String sourceFile, boolean isRepl, int optimizationLevel, int smallIntBits) {
        this.sourceFile = sourceFile;
        this.isRepl = isRepl;
        this.optimizationLevel = optimizationLevel;
        this.smallIntBits = smallIntBits;
        this.tables = new ModuleTables(sourceFile);
        this.emit = new BytecodeEmitter(tables, optimizationLevel < 3);
    }

    public ModuleTables tables() {
        return tables;
    }

    /** Compiles a module and returns its root raw code. */
    public RawCode compile(ModuleSource module) throws CompileError {
        Scope root = newScope(ScopeKind.MODULE, null, "<module>", module);
        for (int i = 0; i < scopes.size(); i++) {
            Scope s = scopes.get(i);
            compileScope(s, Pass.SCOPE);
            for (IdInfo id : s.ids) {
                if (id.kind == IdKind.GLOBAL_IMPLICIT) {
                    s.checkToCloseOver(id);
                }
            }
        }
        for (Scope s : scopes) {
            s.computeSlots();
        }
        for (Scope s : scopes) {
            emit.resetForScope();
            compileScope(s, Pass.STACK_SIZE);
            compileScope(s, Pass.CODE_SIZE);
            while (!compileScope(s, Pass.EMIT)) {
                // the code shrank: emit again with the new jump distances
            }
            codeOf.put(s, emit.result());
            childrenOf.put(s, new ArrayList<>(emit.children()));
        }
        return rawCode(root);
    }

    private RawCode rawCode(Scope s) {
        List<RawCode> kids = new ArrayList<>();
        for (Scope c : childrenOf.get(s)) {
            kids.add(rawCode(c));
        }
        return new RawCode(RawCode.Kind.BYTECODE, codeOf.get(s), kids, (s.flags & Opcodes.SCOPE_FLAG_GENERATOR) != 0,
                EmitterHints.of(s));
    }

    /** The emitter for code outside any decorated function ({@code -X emit=}). */
    public void setDefaultEmitMode(EmitMode mode) {
        defaultEmitMode = mode;
    }

    private Scope newScope(ScopeKind kind, Object node, String name, Object key) {
        Scope s = new Scope(kind, cur, name, node == null ? key : node);
        s.emitMode = cur == null ? defaultEmitMode : cur.emitMode;
        scopes.add(s);
        scopeOfNode.put(key, s);
        return s;
    }

    /** The scope of a def/class/lambda/comprehension node, created in the scope pass. */
    private Scope childScope(Object node, ScopeKind kind, String name) {
        if (pass == Pass.SCOPE) {
            return newScope(kind, node, name != null ? name : kind.fixedName(), node);
        }
        return scopeOfNode.get(node);
    }

    private CompileError syntaxError(String message, int line) {
        return new CompileError("SyntaxError", message, sourceFile, line > 0 ? line : stmtLine,
                cur == null ? null : cur.simpleName);
    }

    /** Whether the target holds this integer as a small int (a leaf in MicroPython's parse tree). */
    private boolean fitsSmallInt(Expr.IntLit i) {
        return i.value().bitLength() < smallIntBits;
    }

    private boolean isLeaf(Expr e) {
        return e instanceof Expr.IntLit i ? fitsSmallInt(i) : e.isLeaf();
    }

    private CompileError syntaxError(String message, Expr at) {
        return syntaxError(message, isLeaf(at) ? 0 : at.line());
    }

    private int newLabel() {
        return nextLabel++;
    }

    // ---- scopes ----

    private boolean compileScope(Scope scope, Pass p) throws CompileError {
        this.pass = p;
        this.cur = scope;
        this.nextLabel = 0;
        emit.startPass(p, scope);
        if (p == Pass.SCOPE) {
            scope.stackSize = 0;
            scope.excStackSize = 0;
        }
        switch (scope.kind) {
            case MODULE -> {
                ModuleSource m = (ModuleSource) scope.node;
                if (m.expression() != null) {
                    compileExpr(m.expression());
                    emit.returnValue();
                } else {
                    compileBlock(m.statements());
                    emit.loadConstNone();
                    emit.returnValue();
                }
            }
            case FUNCTION -> {
                Stmt.FunctionDef def = (Stmt.FunctionDef) scope.node;
                if (p == Pass.SCOPE) {
                    declareParams(def.params());
                    if (scope.emitMode == EmitMode.VIPER) {
                        EmitterHints.checkViperAnnotations(def, sourceFile);
                    }
                }
                compileBlock(def.body());
                emit.loadConstNone();
                emit.returnValue();
            }
            case LAMBDA -> {
                Expr.Lambda lambda = (Expr.Lambda) scope.node;
                emit.setSourceLine(lambda.line());
                if (p == Pass.SCOPE) {
                    declareParams(lambda.params());
                }
                compileExpr(lambda.body());
                if ((scope.flags & Opcodes.SCOPE_FLAG_GENERATOR) != 0) {
                    emit.popTop();
                    emit.loadConstNone();
                }
                emit.returnValue();
            }
            case CLASS -> {
                Stmt.ClassDef cls = (Stmt.ClassDef) scope.node;
                if (p == Pass.SCOPE) {
                    scope.findOrAdd("__class__", IdKind.LOCAL);
                }
                loadId("__name__");
                storeId("__module__");
                emit.loadConstStr(cls.name());
                storeId("__qualname__");
                compileBlock(cls.body());
                IdInfo id = scope.find("__class__");
                if (id.kind == IdKind.LOCAL) {
                    emit.loadConstNone();
                } else {
                    emit.loadFast(id.localNum);
                }
                emit.returnValue();
            }
            default -> compileComprehensionScope(scope, (Expr.Comprehension) scope.node);
        }
        return emit.endPass();
    }

    private void compileComprehensionScope(Scope scope, Expr.Comprehension comp) throws CompileError {
        if (pass == Pass.SCOPE) {
            scope.findOrAdd("", IdKind.LOCAL);
            scope.numPosArgs = 1;
        }
        emit.setSourceLine(comp.innerLine());
        switch (scope.kind) {
            case LIST_COMP -> emit.build(0, BytecodeEmitter.BUILD_LIST);
            case DICT_COMP -> emit.build(0, BytecodeEmitter.BUILD_MAP);
            case SET_COMP -> emit.build(0, BytecodeEmitter.BUILD_SET);
            default -> { }
        }
        if (scope.kind == ScopeKind.GEN_EXPR) {
            emit.loadNull();
            loadId("");
            emit.loadNull();
            emit.loadNull();
        } else {
            loadId("");
            emit.getIter(true);
        }
        compileCompIter(comp, 0);
        if (scope.kind == ScopeKind.GEN_EXPR) {
            emit.loadConstNone();
        }
        emit.returnValue();
    }

    private void compileCompIter(Expr.Comprehension comp, int depth) throws CompileError {
        Expr.CompFor gen = comp.generators().get(depth);
        int top = newLabel();
        int end = newLabel();
        emit.labelAssign(top);
        emit.forIter(end);
        assign(gen.target(), AssignKind.STORE);
        for (Expr cond : gen.conditions()) {
            ifCond(cond, false, top);
        }
        if (depth + 1 < comp.generators().size()) {
            compileExpr(comp.generators().get(depth + 1).iter());
            emit.getIter(true);
            compileCompIter(comp, depth + 1);
        } else if (comp.kind() == Expr.CompKind.DICT) {
            emit.setSourceLine(comp.element().line());
            compileExpr(comp.value());
            compileExpr(comp.element());
            emit.storeComp(1, 4 * depth + 5);
        } else {
            compileExpr(comp.element());
            if (cur.kind == ScopeKind.GEN_EXPR) {
                emit.yieldValue();
                emit.popTop();
            } else {
                emit.storeComp(cur.kind == ScopeKind.LIST_COMP ? 0 : 2, 4 * depth + 5);
            }
        }
        emit.jump(top);
        emit.labelAssign(end);
        emit.forIterEnd();
    }

    private void declareParams(List<Param> params) throws CompileError {
        haveStar = false;
        for (Param prm : params) {
            if ((cur.flags & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
                throw syntaxError("invalid syntax", prm.line());
            }
            String name = prm.name();
            int flag = IdInfo.FLAG_PARAM;
            switch (prm.kind()) {
                case NORMAL -> {
                    if (haveStar) {
                        cur.numKwonlyArgs++;
                    } else {
                        cur.numPosArgs++;
                    }
                }
                case STAR -> {
                    if (haveStar) {
                        throw syntaxError("invalid syntax", prm.line());
                    }
                    haveStar = true;
                    flag |= IdInfo.FLAG_STAR_PARAM;
                    if (name != null) {
                        cur.flags |= Opcodes.SCOPE_FLAG_VARARGS;
                    }
                }
                case DOUBLE_STAR -> {
                    flag |= IdInfo.FLAG_DBL_STAR_PARAM;
                    cur.flags |= Opcodes.SCOPE_FLAG_VARKEYWORDS;
                }
            }
            if (name != null) {
                IdInfo id = cur.findOrAdd(name, IdKind.UNDECIDED);
                if (id.kind != IdKind.UNDECIDED) {
                    throw syntaxError("argument name reused", prm.line());
                }
                id.kind = IdKind.LOCAL;
                id.flags = flag;
            }
        }
    }

    // ---- names ----

    private void loadId(String name) {
        if (pass == Pass.SCOPE) {
            cur.noteLoad(name);
            return;
        }
        IdInfo id = cur.find(name);
        switch (id.kind) {
            case GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED -> emit.loadName(name, false);
            case GLOBAL_EXPLICIT -> emit.loadName(name, true);
            case LOCAL -> emit.loadFast(id.localNum);
            default -> emit.loadDeref(id.localNum);
        }
    }

    private void storeId(String name) {
        if (pass == Pass.SCOPE) {
            cur.noteModification(name);
            return;
        }
        IdInfo id = cur.find(name);
        switch (id.kind) {
            case GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED -> emit.storeName(name, false);
            case GLOBAL_EXPLICIT -> emit.storeName(name, true);
            case LOCAL -> emit.storeFast(id.localNum);
            default -> emit.storeDeref(id.localNum);
        }
    }

    private void deleteId(String name) {
        if (pass == Pass.SCOPE) {
            cur.noteModification(name);
            return;
        }
        IdInfo id = cur.find(name);
        switch (id.kind) {
            case GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED -> emit.deleteName(name, false);
            case GLOBAL_EXPLICIT -> emit.deleteName(name, true);
            case LOCAL -> emit.deleteLocal(id.localNum, false);
            default -> emit.deleteLocal(id.localNum, true);
        }
    }

    // ---- statements ----

    private void compileBlock(List<Stmt> stmts) throws CompileError {
        if (stmts == null) {
            return;
        }
        for (Stmt s : stmts) {
            compileStmt(s);
        }
    }

    private void compileStmt(Stmt s) throws CompileError {
        int savedLine = stmtLine;
        stmtLine = s.line() > 0 ? s.line() : stmtLine;
        emit.setSourceLine(s.line());
        if (s instanceof Stmt.ExprStmt e) {
            exprStatement(e);
        } else if (s instanceof Stmt.Assign a) {
            assignStatement(a.targets(), a.value());
        } else if (s instanceof Stmt.AnnAssign a) {
            if (a.value() == null) {
                if (cur.kind == ScopeKind.FUNCTION && a.target() instanceof Expr.Name n) {
                    cur.findOrAdd(n.id(), IdKind.LOCAL);
                }
            } else {
                assignStatement(List.of(a.target()), a.value());
            }
        } else if (s instanceof Stmt.AugAssign a) {
            assign(a.target(), AssignKind.AUG_LOAD);
            compileExpr(a.value());
            emit.binaryOp(a.op());
            assign(a.target(), AssignKind.AUG_STORE);
        } else if (s instanceof Stmt.Del d) {
            for (Expr t : d.targets()) {
                deleteTarget(t);
            }
        } else if (s instanceof Stmt.Pass p) {
        } else if (s instanceof Stmt.Break b) {
            breakContinue(breakLabel);
        } else if (s instanceof Stmt.Continue c) {
            breakContinue(continueLabel);
        } else if (s instanceof Stmt.Return r) {
            returnStatement(r);
        } else if (s instanceof Stmt.Raise r) {
            if (r.exception() == null) {
                emit.raiseVarargs(0);
            } else if (r.cause() != null) {
                compileExpr(r.exception());
                compileExpr(r.cause());
                emit.raiseVarargs(2);
            } else {
                compileExpr(r.exception());
                emit.raiseVarargs(1);
            }
        } else if (s instanceof Stmt.Global g) {
            declareGlobalOrNonlocal(g.names(), true, g.line());
        } else if (s instanceof Stmt.Nonlocal n) {
            declareGlobalOrNonlocal(n.names(), false, n.line());
        } else if (s instanceof Stmt.Assert a) {
            assertStatement(a);
        } else if (s instanceof Stmt.Import i) {
            for (Stmt.ImportName name : i.names()) {
                emit.loadConstSmallInt(0);
                emit.loadConstNone();
                storeId(importName(name.dotted(), name.asName()));
            }
        } else if (s instanceof Stmt.ImportFrom f) {
            importFrom(f);
        } else if (s instanceof Stmt.If i) {
            ifStatement(i);
        } else if (s instanceof Stmt.While w) {
            whileStatement(w);
        } else if (s instanceof Stmt.For f) {
            if (f.isAsync()) {
                requireAsyncScope(f.line());
                asyncForStatement(f);
            } else {
                forStatement(f);
            }
        } else if (s instanceof Stmt.Try t) {
            tryStatement(t);
        } else if (s instanceof Stmt.With w) {
            if (w.isAsync()) {
                requireAsyncScope(w.line());
                asyncWith(w.items(), 0, w.body());
            } else {
                with(w.items(), 0, w.body());
            }
        } else if (s instanceof Stmt.FunctionDef f) {
            functionDef(f);
        } else if (s instanceof Stmt.ClassDef c) {
            classDef(c);
        }
        stmtLine = savedLine;
    }

    private void requireAsyncScope(int line) throws CompileError {
        if ((cur.flags & Opcodes.SCOPE_FLAG_GENERATOR) == 0) {
            throw syntaxError("async for/with outside async function", line);
        }
    }

    private void exprStatement(Stmt.ExprStmt e) throws CompileError {
        Expr v = e.value();
        if (v instanceof Expr.Yield || v instanceof Expr.YieldFrom) {
            compileExpr(v);
            emit.popTop();
            return;
        }
        if (isRepl && cur.kind == ScopeKind.MODULE) {
            loadId("__repl_print__");
            compileExpr(v);
            emit.callFunction(1, 0, 0);
            emit.popTop();
            return;
        }
        if ((isLeaf(v) && !(v instanceof Expr.Name)) || v instanceof Expr.ConstObject
                || (v instanceof Expr.IntLit)) {
            return; // a constant on its own does nothing
        }
        compileExpr(v);
        emit.popTop();
    }

    private void assignStatement(List<Expr> targets, Expr value) throws CompileError {
        if (targets.size() == 1) {
            Expr target = targets.get(0);
            if (value instanceof Expr.TupleExpr rhs && !rhs.parenthesized()
                    && target instanceof Expr.TupleExpr lhs && !lhs.parenthesized()
                    && lhs.items().size() == rhs.items().size()
                    && (lhs.items().size() == 2 || lhs.items().size() == 3)
                    && lhs.items().stream().noneMatch(x -> x instanceof Expr.Starred)) {
                compileExpr(rhs.items().get(0));
                compileExpr(rhs.items().get(1));
                if (lhs.items().size() == 3) {
                    compileExpr(rhs.items().get(2));
                    emit.rotThree();
                }
                emit.rotTwo();
                for (Expr t : lhs.items()) {
                    assign(t, AssignKind.STORE);
                }
                return;
            }
            compileExpr(value);
            assign(target, AssignKind.STORE);
            return;
        }
        compileExpr(value);
        emit.dupTop();
        assign(targets.get(0), AssignKind.STORE);
        for (int i = 1; i < targets.size(); i++) {
            if (i + 1 < targets.size()) {
                emit.dupTop();
            }
            assign(targets.get(i), AssignKind.STORE);
        }
    }

    private void breakContinue(int label) throws CompileError {
        if (label == INVALID_LABEL) {
            throw syntaxError("'break'/'continue' outside loop", stmtLine);
        }
        emit.unwindJump(label, curExceptLevel - breakContinueExceptLevel);
    }

    private void returnStatement(Stmt.Return r) throws CompileError {
        if (cur.kind != ScopeKind.FUNCTION) {
            throw syntaxError("'return' outside function", r.line());
        }
        Expr v = r.value();
        if (v == null) {
            emit.loadConstNone();
        } else if (v instanceof Expr.IfExp ie) {
            int fail = newLabel();
            ifCond(ie.test(), false, fail);
            compileExpr(ie.body());
            emit.returnValue();
            emit.labelAssign(fail);
            compileExpr(ie.orElse());
        } else {
            compileExpr(v);
        }
        emit.returnValue();
    }

    private void declareGlobalOrNonlocal(List<String> names, boolean global, int line) throws CompileError {
        if (pass != Pass.SCOPE) {
            return;
        }
        if (!global && cur.kind == ScopeKind.MODULE) {
            throw syntaxError("can't declare nonlocal in outer code", line);
        }
        for (String name : names) {
            IdInfo id = cur.findOrAdd(name, IdKind.UNDECIDED);
            declare(id, global, line);
        }
    }

    private void declare(IdInfo id, boolean global, int line) throws CompileError {
        if (global) {
            if (id.kind != IdKind.UNDECIDED && id.kind != IdKind.GLOBAL_EXPLICIT) {
                throw syntaxError("identifier redefined as global", line);
            }
            id.kind = IdKind.GLOBAL_EXPLICIT;
            IdInfo g = cur.findGlobal(id.name);
            if (g != null) {
                g.kind = IdKind.GLOBAL_EXPLICIT;
            }
        } else {
            if (id.kind == IdKind.UNDECIDED) {
                id.kind = IdKind.GLOBAL_IMPLICIT;
                cur.checkToCloseOver(id);
                if (id.kind == IdKind.GLOBAL_IMPLICIT) {
                    throw syntaxError("no binding for nonlocal found", line);
                }
            } else if (id.kind != IdKind.FREE) {
                throw syntaxError("identifier redefined as nonlocal", line);
            }
        }
    }

    private void assertStatement(Stmt.Assert a) throws CompileError {
        if (optimizationLevel != 0) {
            return;
        }
        int end = newLabel();
        ifCond(a.test(), true, end);
        emit.loadName("AssertionError", true);
        if (a.message() != null) {
            compileExpr(a.message());
            emit.callFunction(1, 0, 0);
        }
        emit.raiseVarargs(1);
        emit.labelAssign(end);
    }

    /** Emits IMPORT_NAME (and attribute loads for "import a.b as c"); returns the name to bind. */
    private String importName(String dotted, String asName) {
        if (dotted == null) {
            emit.importName("");
            return asName != null ? asName : "";
        }
        String[] parts = dotted.split("\\.");
        emit.importName(dotted);
        if (asName != null) {
            for (int i = 1; i < parts.length; i++) {
                emit.attrLoad(parts[i]);
            }
            return asName;
        }
        return parts[0];
    }

    private void importFrom(Stmt.ImportFrom f) throws CompileError {
        if (f.names() == null) {
            if (cur.kind != ScopeKind.MODULE) {
                throw syntaxError("import * not at module level", f.line());
            }
            emit.loadConstSmallInt(f.level());
            emit.loadConstStr("*");
            emit.build(1, BytecodeEmitter.BUILD_TUPLE);
            importName(f.module(), null);
            emit.importStar();
            return;
        }
        emit.loadConstSmallInt(f.level());
        for (Stmt.ImportName n : f.names()) {
            emit.loadConstStr(n.dotted());
        }
        emit.build(f.names().size(), BytecodeEmitter.BUILD_TUPLE);
        importName(f.module(), null);
        for (Stmt.ImportName n : f.names()) {
            emit.importFrom(n.dotted());
            storeId(n.asName() != null ? n.asName() : n.dotted());
        }
        emit.popTop();
    }

    private void ifStatement(Stmt.If s) throws CompileError {
        int end = newLabel();
        boolean done = false;
        if (!ConstantFolder.isConstFalse(s.test())) {
            int fail = newLabel();
            ifCond(s.test(), false, fail);
            compileBlock(s.body());
            if (ConstantFolder.isConstTrue(s.test())) {
                done = true;
            } else {
                if (!s.elifs().isEmpty() || s.orElse() != null) {
                    emit.jump(end);
                }
                emit.labelAssign(fail);
            }
        }
        if (!done) {
            for (Stmt.Elif elif : s.elifs()) {
                if (!ConstantFolder.isConstFalse(elif.test())) {
                    int fail = newLabel();
                    ifCond(elif.test(), false, fail);
                    compileBlock(elif.body());
                    if (ConstantFolder.isConstTrue(elif.test())) {
                        done = true;
                        break;
                    }
                    emit.jump(end);
                    emit.labelAssign(fail);
                }
            }
        }
        if (!done) {
            compileBlock(s.orElse());
        }
        emit.labelAssign(end);
    }

    private void whileStatement(Stmt.While w) throws CompileError {
        int oldBreak = breakLabel;
        int oldContinue = continueLabel;
        int oldLevel = breakContinueExceptLevel;
        int brk = newLabel();
        int cont = newLabel();
        breakLabel = brk;
        continueLabel = cont;
        breakContinueExceptLevel = curExceptLevel;
        if (!ConstantFolder.isConstFalse(w.test())) {
            int top = newLabel();
            if (!ConstantFolder.isConstTrue(w.test())) {
                emit.jump(cont);
            }
            emit.labelAssign(top);
            compileBlock(w.body());
            emit.labelAssign(cont);
            ifCond(w.test(), true, top);
        }
        breakLabel = oldBreak;
        continueLabel = oldContinue;
        breakContinueExceptLevel = oldLevel;
        compileBlock(w.orElse());
        emit.labelAssign(brk);
    }

    private static boolean isBareGeneratorArg(Expr.Comprehension c) {
        return c.line() == 0;
    }

    private void forStatement(Stmt.For f) throws CompileError {
        if (f.target() instanceof Expr.Name && f.iter() instanceof Expr.AtomExpr it && !it.await()
                && it.base() instanceof Expr.Name rn && rn.id().equals("range") && it.trailers().size() == 1
                && it.trailers().get(0) instanceof Expr.CallTrailer call) {
            List<Expr.Arg> args = call.args();
            int n = args.size();
            if (n >= 1 && n <= 3) {
                boolean optimize = true;
                Expr start;
                Expr end;
                Expr step;
                if (n == 1) {
                    start = new Expr.IntLit(0, java.math.BigInteger.ZERO);
                    end = argValue(args.get(0));
                    step = new Expr.IntLit(0, java.math.BigInteger.ONE);
                } else {
                    start = argValue(args.get(0));
                    end = argValue(args.get(1));
                    step = n == 3 ? argValue(args.get(2)) : new Expr.IntLit(0, java.math.BigInteger.ONE);
                    if (n == 3 && !(step instanceof Expr.IntLit si && fitsSmallInt(si) && si.value().signum() != 0)) {
                        optimize = false;
                    }
                }
                if (start == null || end == null || (n == 3 && step == null)) {
                    optimize = false;
                }
                if (optimize) {
                    forRange(f, start, end, (Expr.IntLit) step);
                    return;
                }
            }
        }
        int oldBreak = breakLabel;
        int oldContinue = continueLabel;
        int oldLevel = breakContinueExceptLevel;
        int brk = newLabel();
        int cont = newLabel();
        breakLabel = brk | BytecodeEmitter.BREAK_FROM_FOR;
        continueLabel = cont;
        breakContinueExceptLevel = curExceptLevel;
        int pop = newLabel();
        compileExpr(f.iter());
        emit.getIter(true);
        emit.labelAssign(cont);
        emit.forIter(pop);
        assign(f.target(), AssignKind.STORE);
        compileBlock(f.body());
        emit.jump(cont);
        emit.labelAssign(pop);
        emit.forIterEnd();
        breakLabel = oldBreak;
        continueLabel = oldContinue;
        breakContinueExceptLevel = oldLevel;
        compileBlock(f.orElse());
        emit.labelAssign(brk);
    }

    /** The value of a range() argument that allows the loop optimisation, or null. */
    private static Expr argValue(Expr.Arg a) {
        if (a instanceof Expr.PositionalArg pa && !(pa.value() instanceof Expr.Comprehension c && isBareGeneratorArg(c))) {
            return pa.value();
        }
        return null;
    }

    private void forRange(Stmt.For f, Expr start, Expr end, Expr.IntLit step) throws CompileError {
        int oldBreak = breakLabel;
        int oldContinue = continueLabel;
        int oldLevel = breakContinueExceptLevel;
        int brk = newLabel();
        int cont = newLabel();
        breakLabel = brk;
        continueLabel = cont;
        breakContinueExceptLevel = curExceptLevel;
        int top = newLabel();
        int entry = newLabel();
        boolean endOnStack = !(end instanceof Expr.IntLit ei && fitsSmallInt(ei));
        if (endOnStack) {
            compileExpr(end);
        }
        compileExpr(start);
        emit.jump(entry);
        emit.labelAssign(top);
        emit.dupTop();
        assign(f.target(), AssignKind.STORE);
        compileBlock(f.body());
        emit.labelAssign(cont);
        compileExpr(step);
        emit.binaryOp(BinaryOp.INPLACE_ADD);
        emit.labelAssign(entry);
        if (endOnStack) {
            emit.dupTopTwo();
            emit.rotTwo();
        } else {
            emit.dupTop();
            compileExpr(end);
        }
        emit.binaryOp(step.value().signum() >= 0 ? BinaryOp.LESS : BinaryOp.MORE);
        emit.popJumpIf(true, top);
        breakLabel = oldBreak;
        continueLabel = oldContinue;
        breakContinueExceptLevel = oldLevel;
        int endLabel = 0;
        if (f.orElse() != null) {
            emit.popTop();
            if (endOnStack) {
                emit.popTop();
            }
            compileBlock(f.orElse());
            endLabel = newLabel();
            emit.jump(endLabel);
            emit.adjustStackSize(1 + (endOnStack ? 1 : 0));
        }
        emit.labelAssign(brk);
        emit.popTop();
        if (endOnStack) {
            emit.popTop();
        }
        if (f.orElse() != null) {
            emit.labelAssign(endLabel);
        }
    }

    private void increaseExceptLevel(int label, int kind) {
        emit.setupBlock(label, kind);
        curExceptLevel++;
        if (curExceptLevel > cur.excStackSize) {
            cur.excStackSize = curExceptLevel;
        }
    }

    private void decreaseExceptLevel() {
        curExceptLevel--;
        emit.endFinally();
    }

    private void tryStatement(Stmt.Try t) throws CompileError {
        if (t.finalBody() != null) {
            int finallyBlock = newLabel();
            increaseExceptLevel(finallyBlock, BytecodeEmitter.SETUP_FINALLY);
            if (t.handlers().isEmpty()) {
                emit.adjustStackSize(3);
                compileBlock(t.body());
                emit.adjustStackSize(-3);
            } else {
                tryExcept(t.body(), t.handlers(), t.orElse());
            }
            emit.loadConstNone();
            emit.labelAssign(finallyBlock);
            emit.adjustStackSize(1);
            compileBlock(t.finalBody());
            emit.adjustStackSize(-1);
            decreaseExceptLevel();
        } else {
            tryExcept(t.body(), t.handlers(), t.orElse());
        }
    }

    private void tryExcept(List<Stmt> body, List<Stmt.ExceptHandler> handlers, List<Stmt> orElse) throws CompileError {
        int l1 = newLabel();
        int success = newLabel();
        increaseExceptLevel(l1, BytecodeEmitter.SETUP_EXCEPT);
        compileBlock(body);
        emit.popExceptJump(success);
        emit.labelAssign(l1);
        emit.startExceptHandler();
        int l2 = newLabel();
        for (int i = 0; i < handlers.size(); i++) {
            Stmt.ExceptHandler h = handlers.get(i);
            int endFinally = newLabel();
            if (h.type() == null) {
                if (i + 1 != handlers.size()) {
                    throw syntaxError("default 'except' must be last", h.line());
                }
            } else {
                emit.dupTop();
                compileExpr(h.type());
                emit.binaryOp(BinaryOp.EXCEPTION_MATCH);
                emit.popJumpIf(false, endFinally);
            }
            if (h.name() == null) {
                emit.popTop();
            } else {
                storeId(h.name());
            }
            int l3 = 0;
            if (h.name() != null) {
                l3 = newLabel();
                increaseExceptLevel(l3, BytecodeEmitter.SETUP_FINALLY);
            }
            compileBlock(h.body());
            if (h.name() != null) {
                emit.loadConstNone();
                emit.labelAssign(l3);
                emit.adjustStackSize(1);
                emit.loadConstNone();
                storeId(h.name());
                deleteId(h.name());
                emit.adjustStackSize(-1);
                decreaseExceptLevel();
            }
            emit.popExceptJump(l2);
            emit.labelAssign(endFinally);
            emit.adjustStackSize(1);
        }
        decreaseExceptLevel();
        emit.endExceptHandler();
        emit.labelAssign(success);
        compileBlock(orElse);
        emit.labelAssign(l2);
    }

    private void with(List<Stmt.WithItem> items, int index, List<Stmt> body) throws CompileError {
        if (index == items.size()) {
            compileBlock(body);
            return;
        }
        int end = newLabel();
        Stmt.WithItem item = items.get(index);
        compileExpr(item.context());
        increaseExceptLevel(end, BytecodeEmitter.SETUP_WITH);
        if (item.target() != null) {
            assign(item.target(), AssignKind.STORE);
        } else {
            emit.popTop();
        }
        with(items, index + 1, body);
        emit.withCleanup(end);
        decreaseExceptLevel();
    }

    private void yieldFrom() {
        emit.getIter(false);
        emit.loadConstNone();
        emit.yieldFrom();
    }

    private void awaitObjectMethod(String method) {
        emit.loadMethod(method, false);
        emit.callMethod(0, 0, 0);
        yieldFrom();
    }

    private void asyncForStatement(Stmt.For f) throws CompileError {
        int whileElse = newLabel();
        int tryException = newLabel();
        int tryElse = newLabel();
        int tryFinally = newLabel();
        compileExpr(f.iter());
        emit.loadMethod("__aiter__", false);
        emit.callMethod(0, 0, 0);
        int oldBreak = breakLabel;
        int oldContinue = continueLabel;
        int oldLevel = breakContinueExceptLevel;
        int brk = newLabel();
        int cont = newLabel();
        breakLabel = brk;
        continueLabel = cont;
        breakContinueExceptLevel = curExceptLevel;
        emit.labelAssign(cont);
        increaseExceptLevel(tryException, BytecodeEmitter.SETUP_EXCEPT);
        emit.dupTop();
        awaitObjectMethod("__anext__");
        assign(f.target(), AssignKind.STORE);
        emit.popExceptJump(tryElse);
        emit.labelAssign(tryException);
        emit.startExceptHandler();
        emit.dupTop();
        emit.loadName("StopAsyncIteration", true);
        emit.binaryOp(BinaryOp.EXCEPTION_MATCH);
        emit.popJumpIf(false, tryFinally);
        emit.popTop();
        emit.popExceptJump(whileElse);
        emit.labelAssign(tryFinally);
        emit.adjustStackSize(1);
        decreaseExceptLevel();
        emit.endExceptHandler();
        emit.labelAssign(tryElse);
        compileBlock(f.body());
        emit.jump(cont);
        breakLabel = oldBreak;
        continueLabel = oldContinue;
        breakContinueExceptLevel = oldLevel;
        emit.labelAssign(whileElse);
        compileBlock(f.orElse());
        emit.labelAssign(brk);
        emit.popTop();
    }

    private void asyncWith(List<Stmt.WithItem> items, int index, List<Stmt> body) throws CompileError {
        if (index == items.size()) {
            compileBlock(body);
            return;
        }
        int finallyBlock = newLabel();
        int aexitNoExc = newLabel();
        int retUnwindJump = newLabel();
        int end = newLabel();
        Stmt.WithItem item = items.get(index);
        compileExpr(item.context());
        emit.dupTop();
        awaitObjectMethod("__aenter__");
        if (item.target() != null) {
            assign(item.target(), AssignKind.STORE);
        } else {
            emit.popTop();
        }
        increaseExceptLevel(finallyBlock, BytecodeEmitter.SETUP_FINALLY);
        emit.adjustStackSize(3);
        asyncWith(items, index + 1, body);
        emit.adjustStackSize(-3);
        emit.asyncWithSetupFinally(aexitNoExc, finallyBlock, retUnwindJump);
        emit.dupTop();
        emit.rotThree();
        emit.rotTwo();
        emit.loadMethod("__aexit__", false);
        emit.rotThree();
        emit.rotThree();
        emit.dupTop();
        emit.attrLoad("__class__");
        emit.rotTwo();
        emit.loadConstNone();
        emit.callMethod(3, 0, 0);
        yieldFrom();
        emit.popJumpIf(false, end);
        emit.popTop();
        emit.loadConstNone();
        emit.jump(end);
        emit.adjustStackSize(2);
        emit.labelAssign(retUnwindJump);
        emit.rotThree();
        emit.rotThree();
        emit.labelAssign(aexitNoExc);
        emit.loadMethod("__aexit__", false);
        emit.loadConstNone();
        emit.dupTop();
        emit.dupTop();
        emit.callMethod(3, 0, 0);
        yieldFrom();
        emit.popTop();
        emit.adjustStackSize(-1);
        emit.labelAssign(end);
        decreaseExceptLevel();
    }

    // ---- definitions ----

    /** Handles {@code @micropython.xxx}; true when the decorator is one of those (emits nothing). */
    private boolean builtInDecorator(Stmt.Decorator d) throws CompileError {
        if (!d.dottedName().get(0).equals("micropython")) {
            return false;
        }
        if (d.dottedName().size() != 2) {
            throw syntaxError("invalid micropython decorator", d.line());
        }
        switch (d.dottedName().get(1)) {
            case "bytecode" -> decoratorEmitMode = EmitMode.BYTECODE;
            case "native" -> decoratorEmitMode = EmitMode.NATIVE;
            case "viper" -> decoratorEmitMode = EmitMode.VIPER;
            case "asm_thumb", "asm_xtensa" -> { }
            default -> throw syntaxError("invalid micropython decorator", d.line());
        }
        return true;
    }

    /** Emits decorator expressions; returns how many calls to apply afterwards. */
    private int decorators(List<Stmt.Decorator> decorators) throws CompileError {
        decoratorEmitMode = null;
        int calls = 0;
        for (Stmt.Decorator d : decorators) {
            if (builtInDecorator(d)) {
                continue;
            }
            calls++;
            loadId(d.dottedName().get(0));
            for (int j = 1; j < d.dottedName().size(); j++) {
                emit.attrLoad(d.dottedName().get(j));
            }
            if (d.call() != null) {
                emit.setSourceLine(d.call().line());
                callArgs(d.call().args(), false, 0);
            }
        }
        return calls;
    }

    private void functionDef(Stmt.FunctionDef f) throws CompileError {
        int calls = decorators(f.decorators());
        EmitMode decorated = decoratorEmitMode;
        Scope fs = childScope(f, ScopeKind.FUNCTION, f.name());
        if (decorated != null) {
            fs.emitMode = decorated;
        }
        functionOrLambda(fs, f.params());
        if (f.isAsync()) {
            fs.flags |= Opcodes.SCOPE_FLAG_GENERATOR;
        }
        for (int i = 0; i < calls; i++) {
            emit.callFunction(1, 0, 0);
        }
        storeId(f.name());
    }

    private void classDef(Stmt.ClassDef c) throws CompileError {
        int calls = decorators(c.decorators());
        EmitMode decorated = decoratorEmitMode;
        Scope cs = childScope(c, ScopeKind.CLASS, c.name());
        if (decorated != null) {
            cs.emitMode = decorated;
        }
        emit.loadBuildClass();
        closeOverVariables(cs, 0, 0);
        emit.loadConstStr(c.name());
        callArgs(c.bases() == null ? List.of() : c.bases().args(), false, 2);
        for (int i = 0; i < calls; i++) {
            emit.callFunction(1, 0, 0);
        }
        storeId(c.name());
    }

    private void functionOrLambda(Scope scope, List<Param> params) throws CompileError {
        boolean savedStar = haveStar;
        int savedDict = numDictParams;
        int savedDefault = numDefaultParams;
        haveStar = false;
        numDictParams = 0;
        numDefaultParams = 0;
        for (Param prm : params) {
            switch (prm.kind()) {
                case STAR -> haveStar = true;
                case DOUBLE_STAR -> { }
                case NORMAL -> {
                    if (prm.defaultValue() == null) {
                        if (!haveStar && numDefaultParams != 0) {
                            throw syntaxError("non-default argument follows default argument", prm.line());
                        }
                    } else if (haveStar) {
                        numDictParams++;
                        if (numDictParams == 1) {
                            if (numDefaultParams > 0) {
                                emit.build(numDefaultParams, BytecodeEmitter.BUILD_TUPLE);
                            } else {
                                emit.loadNull();
                            }
                            emit.build(0, BytecodeEmitter.BUILD_MAP);
                        }
                        compileExpr(prm.defaultValue());
                        emit.loadConstStr(prm.name());
                        emit.storeMap();
                    } else {
                        numDefaultParams++;
                        compileExpr(prm.defaultValue());
                    }
                }
            }
        }
        if (numDefaultParams > 0 && numDictParams == 0) {
            emit.build(numDefaultParams, BytecodeEmitter.BUILD_TUPLE);
            emit.loadNull();
        }
        closeOverVariables(scope, numDefaultParams, numDictParams);
        haveStar = savedStar;
        numDictParams = savedDict;
        numDefaultParams = savedDefault;
    }

    private void closeOverVariables(Scope scope, int nPosDefaults, int nKwDefaults) {
        if (nKwDefaults > 0) {
            scope.flags |= Opcodes.SCOPE_FLAG_DEFKWARGS;
        }
        scope.numDefPosArgs = nPosDefaults;
        int nFree = 0;
        if (cur.kind != ScopeKind.MODULE) {
            for (IdInfo id : cur.ids) {
                if (id.kind == IdKind.CELL || id.kind == IdKind.FREE) {
                    for (IdInfo id2 : scope.ids) {
                        if (id2.kind == IdKind.FREE && id.name.equals(id2.name)) {
                            emit.loadFast(id.localNum);
                            nFree++;
                        }
                    }
                }
            }
        }
        if (nFree == 0) {
            emit.makeFunction(scope, nPosDefaults, nKwDefaults);
        } else {
            emit.makeClosure(scope, nFree, nPosDefaults, nKwDefaults);
        }
    }

    // ---- assignment targets ----

    private enum AssignKind { STORE, AUG_LOAD, AUG_STORE }

    private void assign(Expr target, AssignKind kind) throws CompileError {
        if (target instanceof Expr.Name n) {
            if (kind == AssignKind.AUG_LOAD) {
                loadId(n.id());
            } else {
                storeId(n.id());
            }
        } else if (target instanceof Expr.AtomExpr ae && (!ae.await())) {
            assignAtomExpr(ae, kind);
        } else if (target instanceof Expr.TupleExpr t) {
            if (kind != AssignKind.STORE || (t.parenthesized() && t.items().isEmpty())) {
                throw syntaxError("can't assign to expression", target);
            }
            assignTuple(t.items());
        } else if (target instanceof Expr.ListExpr l) {
            if (kind != AssignKind.STORE) {
                throw syntaxError("can't assign to expression", target);
            }
            assignTuple(l.items());
        } else {
            throw syntaxError("can't assign to expression", target);
        }
    }

    private void assignAtomExpr(Expr.AtomExpr ae, AssignKind kind) throws CompileError {
        List<Expr.Trailer> trailers = ae.trailers();
        if (kind != AssignKind.AUG_STORE) {
            compileExpr(ae.base());
            for (int i = 0; i < trailers.size() - 1; i++) {
                compileTrailer(trailers.get(i));
            }
        }
        Expr.Trailer last = trailers.get(trailers.size() - 1);
        if (last instanceof Expr.IndexTrailer it) {
            if (kind == AssignKind.AUG_STORE) {
                emit.rotThree();
                emit.subscr(BytecodeEmitter.SUBSCR_STORE);
            } else {
                compileExpr(it.index());
                if (kind == AssignKind.AUG_LOAD) {
                    emit.dupTopTwo();
                    emit.subscr(BytecodeEmitter.SUBSCR_LOAD);
                } else {
                    emit.subscr(BytecodeEmitter.SUBSCR_STORE);
                }
            }
        } else if (last instanceof Expr.AttrTrailer at) {
            if (kind == AssignKind.AUG_LOAD) {
                emit.dupTop();
                emit.attrLoad(at.name());
            } else {
                if (kind == AssignKind.AUG_STORE) {
                    emit.rotTwo();
                }
                emit.attrStore(at.name(), false);
            }
        } else {
            throw syntaxError("can't assign to expression", ae);
        }
    }

    private void assignTuple(List<Expr> items) throws CompileError {
        int star = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Expr.Starred) {
                if (star < 0) {
                    emit.unpackEx(i, items.size() - i - 1);
                    star = i;
                } else {
                    throw syntaxError("multiple *x in assignment", items.get(i));
                }
            }
        }
        if (star < 0) {
            emit.unpackSequence(items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            Expr item = items.get(i);
            assign(i == star ? ((Expr.Starred) item).value() : item, AssignKind.STORE);
        }
    }

    private void deleteTarget(Expr t) throws CompileError {
        if (t instanceof Expr.Name n) {
            deleteId(n.id());
        } else if (t instanceof Expr.AtomExpr ae && (!ae.await())) {
            compileExpr(ae.base());
            List<Expr.Trailer> trailers = ae.trailers();
            for (int i = 0; i < trailers.size() - 1; i++) {
                compileTrailer(trailers.get(i));
            }
            Expr.Trailer last = trailers.get(trailers.size() - 1);
            if (last instanceof Expr.IndexTrailer it) {
                compileExpr(it.index());
                emit.subscr(BytecodeEmitter.SUBSCR_DELETE);
            } else if (last instanceof Expr.AttrTrailer at) {
                emit.attrStore(at.name(), true);
            } else {
                throw syntaxError("can't delete expression", t);
            }
        } else if (t instanceof Expr.TupleExpr tu && (tu.parenthesized() && !tu.items().isEmpty())) {
            for (Expr e : tu.items()) {
                deleteTarget(e);
            }
        } else {
            throw syntaxError("can't delete expression", t);
        }
    }

    // ---- expressions ----

    private void ifCond(Expr e, boolean jumpIf, int label) throws CompileError {
        if (ConstantFolder.isConstFalse(e)) {
            if (!jumpIf) {
                emit.jump(label);
            }
            return;
        }
        if (ConstantFolder.isConstTrue(e)) {
            if (jumpIf) {
                emit.jump(label);
            }
            return;
        }
        if (e instanceof Expr.BoolOp b) {
            boolean logic1 = b.isOr() != jumpIf;
            int n = b.values().size();
            if (logic1) {
                int label2 = newLabel();
                for (int i = 0; i < n - 1; i++) {
                    ifCond(b.values().get(i), !jumpIf, label2);
                }
                ifCond(b.values().get(n - 1), jumpIf, label);
                emit.labelAssign(label2);
            } else {
                for (Expr v : b.values()) {
                    ifCond(v, jumpIf, label);
                }
            }
            return;
        }
        if (e instanceof Expr.Not not) {
            ifCond(not.operand(), !jumpIf, label);
            return;
        }
        compileExpr(e);
        emit.popJumpIf(jumpIf, label);
    }

    private void compileExpr(Expr e) throws CompileError {
        if (!isLeaf(e)) {
            emit.setSourceLine(e.line());
        }
        if (e instanceof Expr.Name n) {
            loadId(n.id());
        } else if (e instanceof Expr.IntLit i) {
            if (fitsSmallInt(i)) {
                emit.loadConstSmallInt(i.value().longValue());
            } else {
                emit.loadConstObj(new Constant.Int(i.value()));
            }
        } else if (e instanceof Expr.StrLit s) {
            emit.loadConstStr(s.value());
        } else if (e instanceof Expr.SingletonLit s) {
            switch (s.value()) {
                case NONE -> emit.loadConstNone();
                case TRUE -> emit.loadConstBool(true);
                case FALSE -> emit.loadConstBool(false);
                case ELLIPSIS -> emit.loadConstObj(Constant.Singleton.ELLIPSIS);
            }
        } else if (e instanceof Expr.ConstObject c) {
            emit.loadConstObj(c.value());
        } else if (e instanceof Expr.TupleExpr t) {
            for (Expr item : t.items()) {
                compileExpr(item);
            }
            emit.build(t.items().size(), BytecodeEmitter.BUILD_TUPLE);
        } else if (e instanceof Expr.ListExpr l) {
            for (Expr item : l.items()) {
                compileExpr(item);
            }
            emit.build(l.items().size(), BytecodeEmitter.BUILD_LIST);
        } else if (e instanceof Expr.SetExpr s) {
            for (Expr item : s.items()) {
                compileExpr(item);
            }
            emit.build(s.items().size(), BytecodeEmitter.BUILD_SET);
        } else if (e instanceof Expr.DictExpr d) {
            emit.build(d.keys().size(), BytecodeEmitter.BUILD_MAP);
            for (int i = 0; i < d.keys().size(); i++) {
                emit.setSourceLine(d.keys().get(i).line());
                compileExpr(d.values().get(i));
                compileExpr(d.keys().get(i));
                emit.storeMap();
            }
        } else if (e instanceof Expr.Comprehension c) {
            comprehension(c);
        } else if (e instanceof Expr.BoolOp b) {
            int end = newLabel();
            for (int i = 0; i < b.values().size(); i++) {
                compileExpr(b.values().get(i));
                if (i + 1 < b.values().size()) {
                    emit.jumpIfOrPop(b.isOr(), end);
                }
            }
            emit.labelAssign(end);
        } else if (e instanceof Expr.Not n) {
            compileExpr(n.operand());
            emit.unaryOp(UnaryOp.NOT);
        } else if (e instanceof Expr.Compare c) {
            comparison(c);
        } else if (e instanceof Expr.BinaryChain b) {
            compileExpr(b.first());
            for (int i = 0; i < b.ops().size(); i++) {
                compileExpr(b.rest().get(i));
                emit.binaryOp(b.ops().get(i));
            }
        } else if (e instanceof Expr.Unary u) {
            compileExpr(u.operand());
            emit.unaryOp(u.op());
        } else if (e instanceof Expr.AtomExpr a) {
            atomExpr(a);
        } else if (e instanceof Expr.Slice s) {
            if (s.lower() != null) {
                compileExpr(s.lower());
            } else {
                emit.loadConstNone();
            }
            if (s.upper() != null) {
                compileExpr(s.upper());
            } else {
                emit.loadConstNone();
            }
            if (s.step() != null) {
                compileExpr(s.step());
                emit.build(3, BytecodeEmitter.BUILD_SLICE);
            } else {
                emit.build(2, BytecodeEmitter.BUILD_SLICE);
            }
        } else if (e instanceof Expr.IfExp ie) {
            int fail = newLabel();
            int end = newLabel();
            ifCond(ie.test(), false, fail);
            compileExpr(ie.body());
            emit.jump(end);
            emit.labelAssign(fail);
            emit.adjustStackSize(-1);
            compileExpr(ie.orElse());
            emit.labelAssign(end);
        } else if (e instanceof Expr.Lambda l) {
            functionOrLambda(childScope(l, ScopeKind.LAMBDA, null), l.params());
        } else if (e instanceof Expr.NamedExpr ne) {
            namedExpr(ne.target(), ne.value());
        } else if (e instanceof Expr.Starred s) {
            throw syntaxError("*x must be assignment target", s);
        } else if (e instanceof Expr.Yield y) {
            requireYieldScope(y);
            if (y.value() == null) {
                emit.loadConstNone();
            } else {
                compileExpr(y.value());
            }
            emit.yieldValue();
        } else if (e instanceof Expr.YieldFrom y) {
            requireYieldScope(y);
            compileExpr(y.value());
            yieldFrom();

        }
    }

    private void requireYieldScope(Expr at) throws CompileError {
        if (cur.kind != ScopeKind.FUNCTION && cur.kind != ScopeKind.LAMBDA) {
            throw syntaxError("'yield' outside function", at);
        }
    }

    private void comparison(Expr.Compare c) throws CompileError {
        compileExpr(c.first());
        int n = c.ops().size();
        boolean multi = n > 1;
        int fail = multi ? newLabel() : 0;
        for (int i = 0; i < n; i++) {
            compileExpr(c.rest().get(i));
            if (i + 1 < n) {
                emit.dupTop();
                emit.rotThree();
            }
            switch (c.ops().get(i)) {
                case LESS -> emit.binaryOp(BinaryOp.LESS);
                case MORE -> emit.binaryOp(BinaryOp.MORE);
                case EQUAL -> emit.binaryOp(BinaryOp.EQUAL);
                case LESS_EQUAL -> emit.binaryOp(BinaryOp.LESS_EQUAL);
                case MORE_EQUAL -> emit.binaryOp(BinaryOp.MORE_EQUAL);
                case NOT_EQUAL -> emit.binaryOp(BinaryOp.NOT_EQUAL);
                case IN -> emit.binaryOp(BinaryOp.IN);
                case NOT_IN -> emit.binaryOp(BinaryOp.IN, true);
                case IS -> emit.binaryOp(BinaryOp.IS);
                case IS_NOT -> emit.binaryOp(BinaryOp.IS, true);
            }
            if (i + 1 < n) {
                emit.jumpIfOrPop(false, fail);
            }
        }
        if (multi) {
            int end = newLabel();
            emit.jump(end);
            emit.labelAssign(fail);
            emit.adjustStackSize(1);
            emit.rotTwo();
            emit.popTop();
            emit.labelAssign(end);
        }
    }

    private void namedExpr(Expr target, Expr value) throws CompileError {
        if (!(target instanceof Expr.Name n)) {
            throw syntaxError("can't assign to expression", target);
        }
        compileExpr(value);
        emit.dupTop();
        String name = n.id();
        if (pass == Pass.SCOPE && cur.kind.isComprehension()) {
            IdInfo parentId = cur.parent.noteModification(name);
            if (parentId.kind == IdKind.GLOBAL_EXPLICIT) {
                cur.findOrAdd(name, IdKind.GLOBAL_EXPLICIT);
            } else {
                IdInfo id = cur.findOrAdd(name, IdKind.UNDECIDED);
                boolean isGlobal = cur.parent.parent == null;
                if (!isGlobal && id.kind == IdKind.GLOBAL_IMPLICIT) {
                    id.kind = IdKind.UNDECIDED;
                }
                declare(id, isGlobal, target.line());
            }
        }
        storeId(name);
    }

    private void comprehension(Expr.Comprehension c) throws CompileError {
        ScopeKind kind = switch (c.kind()) {
            case LIST -> ScopeKind.LIST_COMP;
            case SET -> ScopeKind.SET_COMP;
            case DICT -> ScopeKind.DICT_COMP;
            case GENERATOR -> ScopeKind.GEN_EXPR;
        };
        Scope s = childScope(c, kind, null);
        closeOverVariables(s, 0, 0);
        compileExpr(c.generators().get(0).iter());
        if (kind == ScopeKind.GEN_EXPR) {
            emit.getIter(false);
        }
        emit.callFunction(1, 0, 0);
    }

    private void atomExpr(Expr.AtomExpr a) throws CompileError {
        if (a.await() && cur.kind != ScopeKind.FUNCTION && cur.kind != ScopeKind.LAMBDA) {
            throw syntaxError("'await' outside function", a);
        }
        compileExpr(a.base());
        List<Expr.Trailer> t = a.trailers();
        int i = 0;
        if (cur.kind == ScopeKind.FUNCTION && a.base() instanceof Expr.Name n && n.id().equals("super")
                && !t.isEmpty() && t.get(0) instanceof Expr.CallTrailer c0 && c0.args().isEmpty()) {
            loadId("__class__");
            IdInfo self = null;
            for (IdInfo id : cur.ids) {
                if (id.isParam()) {
                    self = id;
                    break;
                }
            }
            if (self == null) {
                throw syntaxError("super() can't find self", c0.line());
            }
            loadId(self.name);
            if (t.size() >= 3 && t.get(1) instanceof Expr.AttrTrailer at && t.get(2) instanceof Expr.CallTrailer call) {
                emit.loadMethod(at.name(), true);
                callArgs(call.args(), true, 0);
                i = 3;
            } else {
                emit.callFunction(2, 0, 0);
                i = 1;
            }
        }
        for (; i < t.size(); i++) {
            if (i + 1 < t.size() && t.get(i) instanceof Expr.AttrTrailer at && t.get(i + 1) instanceof Expr.CallTrailer call) {
                emit.loadMethod(at.name(), false);
                callArgs(call.args(), true, 0);
                i++;
            } else {
                compileTrailer(t.get(i));
            }
        }
        if (a.await()) {
            yieldFrom();
        }
    }

    private void compileTrailer(Expr.Trailer t) throws CompileError {
        emit.setSourceLine(t.line());
        if (t instanceof Expr.CallTrailer c) {
            callArgs(c.args(), false, 0);
        } else if (t instanceof Expr.IndexTrailer it) {
            compileExpr(it.index());
            emit.subscr(BytecodeEmitter.SUBSCR_LOAD);
        } else if (t instanceof Expr.AttrTrailer at) {
            emit.attrLoad(at.name());
        }
    }

    private void callArgs(List<Expr.Arg> args, boolean isMethod, int nPositionalExtra) throws CompileError {
        int nPos = nPositionalExtra;
        int nKw = 0;
        int starFlags = 0;
        long starArgs = 0;
        for (int i = 0; i < args.size(); i++) {
            Expr.Arg arg = args.get(i);
            if (arg instanceof Expr.StarArg s) {
                if ((starFlags & BytecodeEmitter.STAR_FLAG_DOUBLE) != 0) {
                    throw syntaxError("* arg after **", s.line());
                }
                if (i >= smallIntBits - 1) { // the star flags must fit a small int
                    throw syntaxError("too many args", s.line());
                }
                starFlags |= BytecodeEmitter.STAR_FLAG_SINGLE;
                starArgs |= 1L << i;
                compileExpr(s.value());
                nPos++;
            } else if (arg instanceof Expr.DoubleStarArg d) {
                starFlags |= BytecodeEmitter.STAR_FLAG_DOUBLE;
                emit.loadNull();
                compileExpr(d.value());
                nKw++;
            } else if (arg instanceof Expr.NamedArg na) {
                namedExpr(na.name(), na.value());
                nPos++;
            } else if (arg instanceof Expr.KeywordArg k) {
                if (!(k.name() instanceof Expr.Name name)) {
                    throw syntaxError("LHS of keyword arg must be an id", k.line());
                }
                emit.loadConstStr(name.id());
                compileExpr(k.value());
                nKw++;
            } else if (arg instanceof Expr.PositionalArg p) {
                if (p.value() instanceof Expr.Comprehension c && isBareGeneratorArg(c)) {
                    comprehension(c);
                } else {
                    if ((starFlags & BytecodeEmitter.STAR_FLAG_DOUBLE) != 0) {
                        throw syntaxError("positional arg after **", p.value());
                    }
                    if (nKw > 0) {
                        throw syntaxError("positional arg after keyword arg", p.value());
                    }
                    compileExpr(p.value());
                }
                nPos++;

            }
        }
        if (starFlags != 0) {
            emit.loadConstSmallInt(starArgs);
        }
        if (isMethod) {
            emit.callMethod(nPos, nKw, starFlags);
        } else {
            emit.callFunction(nPos, nKw, starFlags);
        }
    }
}
