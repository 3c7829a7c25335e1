package dev.mica.compiler.parse;

import dev.mica.code.CompileError;
import dev.mica.code.Constant;
import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.code.Opcodes.UnaryOp;
import dev.mica.compiler.CompilerRaise;
import dev.mica.compiler.lexer.Lexer;
import dev.mica.compiler.lexer.Token;
import dev.mica.compiler.lexer.TokenKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for MicroPython's grammar. It folds constants while it builds the
 * tree (see {@link ConstantFolder}) and replaces names bound with {@code X = const(value)} by their
 * value, as MicroPython's parser does.
 */
public final class Parser {
    private final List<Token> tokens;
    private int p;
    private final String sourceFile;
    private final QstrPool qstrs = new QstrPool();
    private final Map<String, Expr> consts = new HashMap<>();

    private Parser(List<Token> tokens, String sourceFile) {
        this.tokens = tokens;
        this.sourceFile = sourceFile;
        qstrs.add(sourceFile); // the file name is the module's first qstr
    }

    /** Parses a module or an interactive statement into statements. */
    public static List<Stmt> parseStatements(String source, String sourceFile, boolean single, boolean debug)
            throws CompileError {
        Parser parser = new Parser(new Lexer(source, debug).tokenize(), sourceFile);
        return parser.wrap(() -> single ? parser.singleInput() : parser.fileInput());
    }

    /** Parses the input of {@code eval}: one expression list. */
    public static Expr parseExpression(String source, String sourceFile, boolean debug) throws CompileError {
        Parser parser = new Parser(new Lexer(source, debug).tokenize(), sourceFile);
        return parser.wrap(parser::evalInput);
    }

    private interface Body<T> {
        T run() throws CompileError;
    }

    private <T> T wrap(Body<T> body) throws CompileError {
        try {
            return body.run();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CompileError("SyntaxError", "invalid syntax for number", sourceFile, tok().line());
        }
    }

    // ---- token helpers ----

    private Token tok() {
        return tokens.get(Math.min(p, tokens.size() - 1));
    }

    private TokenKind kind() {
        return tok().kind();
    }

    private boolean at(TokenKind k) {
        return kind() == k;
    }

    private boolean atAhead(int n, TokenKind k) {
        int i = p + n;
        return i < tokens.size() && tokens.get(i).kind() == k;
    }

    private Token advance() {
        Token t = tok();
        if (p < tokens.size() - 1) {
            p++;
        }
        return t;
    }

    private boolean accept(TokenKind k) {
        if (at(k)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind k) throws CompileError {
        if (!at(k)) {
            throw error();
        }
        return advance();
    }

    private String expectName() throws CompileError {
        String name = expect(TokenKind.NAME).text();
        qstrs.add(name);
        return name;
    }

    /** The error MicroPython's parser reports at the current token. */
    private CompileError error() {
        Token t = tok();
        return switch (t.kind()) {
            case INDENT -> new CompileError("IndentationError", "unexpected indent", sourceFile, t.line());
            case DEDENT_MISMATCH -> new CompileError("IndentationError",
                    "unindent doesn't match any outer indent level", sourceFile, t.line());
            case MALFORMED_FSTRING -> new CompileError("SyntaxError", "malformed f-string", sourceFile, t.line());
            default -> new CompileError("SyntaxError", "invalid syntax", sourceFile, t.line());
        };
    }

    // ---- inputs ----

    private List<Stmt> fileInput() throws CompileError {
        List<Stmt> out = new ArrayList<>();
        while (!at(TokenKind.END)) {
            if (accept(TokenKind.NEWLINE)) {
                continue;
            }
            statement(out);
        }
        return out;
    }

    private List<Stmt> singleInput() throws CompileError {
        List<Stmt> out = new ArrayList<>();
        if (!accept(TokenKind.NEWLINE)) {
            statement(out);
        }
        while (accept(TokenKind.NEWLINE)) {
            // trailing blank lines
        }
        if (!at(TokenKind.END)) {
            throw error();
        }
        return out;
    }

    private Expr evalInput() throws CompileError {
        Expr e = testList();
        while (accept(TokenKind.NEWLINE)) {
            // trailing newlines
        }
        if (!at(TokenKind.END)) {
            throw error();
        }
        return e;
    }

    // ---- statements ----

    private void statement(List<Stmt> out) throws CompileError {
        switch (kind()) {
            case KW_IF -> out.add(ifStmt());
            case KW_WHILE -> out.add(whileStmt());
            case KW_FOR -> out.add(forStmt(tok().line(), false));
            case KW_TRY -> out.add(tryStmt());
            case KW_WITH -> out.add(withStmt(tok().line(), false));
            case KW_DEF -> out.add(funcDef(tok().line(), List.of(), false));
            case KW_CLASS -> out.add(classDef(tok().line(), List.of()));
            case OP_AT -> out.add(decorated());
            case KW_ASYNC -> out.add(asyncStmt(List.of(), tok().line()));
            default -> simpleStatement(out);
        }
    }

    private void simpleStatement(List<Stmt> out) throws CompileError {
        out.add(smallStatement());
        while (accept(TokenKind.DEL_SEMICOLON)) {
            if (at(TokenKind.NEWLINE)) {
                break;
            }
            out.add(smallStatement());
        }
        expect(TokenKind.NEWLINE);
    }

    private List<Stmt> suite() throws CompileError {
        List<Stmt> out = new ArrayList<>();
        if (accept(TokenKind.NEWLINE)) {
            expect(TokenKind.INDENT);
            do {
                statement(out);
            } while (!at(TokenKind.DEDENT) && !at(TokenKind.END));
            expect(TokenKind.DEDENT);
        } else {
            simpleStatement(out);
        }
        return out;
    }

    private Stmt smallStatement() throws CompileError {
        Token t = tok();
        int line = t.line();
        switch (t.kind()) {
            case KW_DEL: {
                advance();
                List<Expr> targets = new ArrayList<>();
                boolean list = exprList(targets);
                return new Stmt.Del(line, targets, list);
            }
            case KW_PASS:
                advance();
                return new Stmt.Pass(line);
            case KW_BREAK:
                advance();
                return new Stmt.Break(line);
            case KW_CONTINUE:
                advance();
                return new Stmt.Continue(line);
            case KW_RETURN: {
                advance();
                Expr value = startsTest() ? testList() : null;
                return new Stmt.Return(line, value);
            }
            case KW_RAISE: {
                advance();
                Expr exc = null;
                Expr cause = null;
                if (startsTest()) {
                    exc = test();
                    if (accept(TokenKind.KW_FROM)) {
                        cause = test();
                    }
                }
                return new Stmt.Raise(line, exc, cause);
            }
            case KW_YIELD:
                return new Stmt.ExprStmt(line, yieldExpr());
            case KW_IMPORT:
                return importName();
            case KW_FROM:
                return importFrom();
            case KW_GLOBAL:
            case KW_NONLOCAL: {
                advance();
                List<String> names = new ArrayList<>();
                names.add(expectName());
                while (accept(TokenKind.DEL_COMMA)) {
                    names.add(expectName());
                }
                return t.kind() == TokenKind.KW_GLOBAL ? new Stmt.Global(line, names) : new Stmt.Nonlocal(line, names);
            }
            case KW_ASSERT: {
                advance();
                Expr test = test();
                Expr msg = accept(TokenKind.DEL_COMMA) ? test() : null;
                return new Stmt.Assert(line, test, msg);
            }
            default:
                return exprStatement();
        }
    }

    private Stmt exprStatement() throws CompileError {
        int line = tok().line();
        Expr lhs = testListStarExpr();
        if (accept(TokenKind.DEL_COLON)) {
            Expr annotation = test();
            Expr value = null;
            if (accept(TokenKind.DEL_EQUAL)) {
                value = at(TokenKind.KW_YIELD) ? yieldExpr() : testListStarExpr();
            }
            return new Stmt.AnnAssign(line, lhs, annotation, value);
        }
        int op = kind().inplaceBinaryOp();
        if (op >= 0) {
            advance();
            Expr value = at(TokenKind.KW_YIELD) ? yieldExpr() : testListStarExpr();
            return new Stmt.AugAssign(line, lhs, op, value);
        }
        if (!at(TokenKind.DEL_EQUAL)) {
            return new Stmt.ExprStmt(line, lhs);
        }
        List<Expr> chain = new ArrayList<>();
        chain.add(lhs);
        while (accept(TokenKind.DEL_EQUAL)) {
            chain.add(at(TokenKind.KW_YIELD) ? yieldExpr() : testListStarExpr());
        }
        Expr value = chain.remove(chain.size() - 1);
        if (chain.size() == 1 && chain.get(0) instanceof Expr.Name target) {
            Expr constValue = constDefinition(value);
            if (constValue != null) {
                consts.put(target.id(), constValue);
                if (target.id().startsWith("_")) {
                    return new Stmt.Pass(0);
                }
                value = constValue;
            }
        }
        return new Stmt.Assign(line, chain, value);
    }

    /** For {@code const(value)} the constant value node, else null; a non-constant argument is an error. */
    private Expr constDefinition(Expr value) throws CompileError {
        if (!(value instanceof Expr.AtomExpr ae) || ae.await() || ae.trailers().size() != 1
                || !(ae.base() instanceof Expr.Name n) || !n.id().equals("const")
                || !(ae.trailers().get(0) instanceof Expr.CallTrailer call)) {
            return null;
        }
        if (call.args().size() == 1 && call.args().get(0) instanceof Expr.PositionalArg pa
                && ConstantFolder.isConst(pa.value())) {
            Expr v = pa.value();
            if (v instanceof Expr.TupleExpr) {
                return new Expr.ConstObject(v.line(), ConstantFolder.toConstant(v));
            }
            return v;
        }
        throw new CompileError("SyntaxError", "not a constant", sourceFile, ae.line());
    }

    private Stmt importName() throws CompileError {
        int line = advance().line();
        List<Stmt.ImportName> names = new ArrayList<>();
        do {
            String dotted = dottedName();
            String as = accept(TokenKind.KW_AS) ? expectName() : null;
            names.add(new Stmt.ImportName(dotted, as));
        } while (accept(TokenKind.DEL_COMMA));
        return new Stmt.Import(line, names);
    }

    private String dottedName() throws CompileError {
        StringBuilder sb = new StringBuilder(expectName());
        while (accept(TokenKind.DEL_PERIOD)) {
            sb.append('.').append(expectName());
        }
        return CompilerRaise.checkName(sb.toString(), tok().line());
    }

    private Stmt importFrom() throws CompileError {
        int line = advance().line();
        int level = 0;
        while (at(TokenKind.DEL_PERIOD) || at(TokenKind.ELLIPSIS)) {
            level += at(TokenKind.DEL_PERIOD) ? 1 : 3;
            advance();
        }
        String module = null;
        if (level == 0 || at(TokenKind.NAME)) {
            module = dottedName();
        }
        expect(TokenKind.KW_IMPORT);
        if (accept(TokenKind.OP_STAR)) {
            return new Stmt.ImportFrom(line, level, module, null);
        }
        boolean paren = accept(TokenKind.DEL_PAREN_OPEN);
        List<Stmt.ImportName> names = new ArrayList<>();
        do {
            if (paren && at(TokenKind.DEL_PAREN_CLOSE)) {
                break;
            }
            String name = expectName();
            String as = accept(TokenKind.KW_AS) ? expectName() : null;
            names.add(new Stmt.ImportName(name, as));
        } while (accept(TokenKind.DEL_COMMA) && (paren || !at(TokenKind.NEWLINE) && !at(TokenKind.DEL_SEMICOLON)));
        if (names.isEmpty()) {
            throw error();
        }
        if (paren) {
            expect(TokenKind.DEL_PAREN_CLOSE);
        }
        return new Stmt.ImportFrom(line, level, module, names);
    }

    private Stmt ifStmt() throws CompileError {
        int line = advance().line();
        Expr test = namedExprTest();
        expect(TokenKind.DEL_COLON);
        List<Stmt> body = suite();
        List<Stmt.Elif> elifs = new ArrayList<>();
        while (at(TokenKind.KW_ELIF)) {
            int l = advance().line();
            Expr t = namedExprTest();
            expect(TokenKind.DEL_COLON);
            elifs.add(new Stmt.Elif(l, t, suite()));
        }
        List<Stmt> orElse = elseBlock();
        return new Stmt.If(line, test, body, elifs, orElse);
    }

    private List<Stmt> elseBlock() throws CompileError {
        if (accept(TokenKind.KW_ELSE)) {
            expect(TokenKind.DEL_COLON);
            return suite();
        }
        return null;
    }

    private Stmt whileStmt() throws CompileError {
        int line = advance().line();
        Expr test = namedExprTest();
        expect(TokenKind.DEL_COLON);
        List<Stmt> body = suite();
        return new Stmt.While(line, test, body, elseBlock());
    }

    private Stmt forStmt(int line, boolean isAsync) throws CompileError {
        expect(TokenKind.KW_FOR);
        Expr target = exprListAsTarget();
        expect(TokenKind.KW_IN);
        Expr iter = testList();
        expect(TokenKind.DEL_COLON);
        List<Stmt> body = suite();
        return new Stmt.For(line, target, iter, body, elseBlock(), isAsync);
    }

    private Stmt tryStmt() throws CompileError {
        int line = advance().line();
        expect(TokenKind.DEL_COLON);
        List<Stmt> body = suite();
        List<Stmt.ExceptHandler> handlers = new ArrayList<>();
        while (at(TokenKind.KW_EXCEPT)) {
            int l = advance().line();
            Expr type = null;
            String name = null;
            if (!at(TokenKind.DEL_COLON)) {
                type = test();
                if (accept(TokenKind.KW_AS)) {
                    name = expectName();
                }
            }
            expect(TokenKind.DEL_COLON);
            handlers.add(new Stmt.ExceptHandler(l, type, name, suite()));
        }
        List<Stmt> orElse = null;
        if (!handlers.isEmpty()) {
            orElse = elseBlock();
        }
        List<Stmt> finalBody = null;
        if (accept(TokenKind.KW_FINALLY)) {
            expect(TokenKind.DEL_COLON);
            finalBody = suite();
        }
        if (handlers.isEmpty() && finalBody == null) {
            throw error();
        }
        return new Stmt.Try(line, body, handlers, orElse, finalBody);
    }

    private Stmt withStmt(int line, boolean isAsync) throws CompileError {
        expect(TokenKind.KW_WITH);
        List<Stmt.WithItem> items = new ArrayList<>();
        do {
            Expr ctx = test();
            Expr target = accept(TokenKind.KW_AS) ? expr() : null;
            items.add(new Stmt.WithItem(ctx, target));
        } while (accept(TokenKind.DEL_COMMA));
        expect(TokenKind.DEL_COLON);
        return new Stmt.With(line, items, suite(), isAsync);
    }

    private Stmt decorated() throws CompileError {
        int line = tok().line();
        List<Stmt.Decorator> decorators = new ArrayList<>();
        while (at(TokenKind.OP_AT)) {
            int l = advance().line();
            List<String> names = new ArrayList<>();
            names.add(expectName());
            while (accept(TokenKind.DEL_PERIOD)) {
                names.add(expectName());
            }
            Expr.CallTrailer call = null;
            if (at(TokenKind.DEL_PAREN_OPEN)) {
                call = callTrailer();
            }
            expect(TokenKind.NEWLINE);
            decorators.add(new Stmt.Decorator(l, names, call));
        }
        return switch (kind()) {
            case KW_DEF -> funcDef(line, decorators, false);
            case KW_CLASS -> classDef(line, decorators);
            case KW_ASYNC -> asyncStmt(decorators, line);
            default -> throw error();
        };
    }

    private Stmt asyncStmt(List<Stmt.Decorator> decorators, int line) throws CompileError {
        expect(TokenKind.KW_ASYNC);
        if (at(TokenKind.KW_DEF)) {
            return funcDef(line, decorators, true);
        }
        if (!decorators.isEmpty()) {
            throw error();
        }
        if (at(TokenKind.KW_WITH)) {
            return withStmt(line, true);
        }
        if (at(TokenKind.KW_FOR)) {
            return forStmt(line, true);
        }
        throw error();
    }

    private Stmt funcDef(int line, List<Stmt.Decorator> decorators, boolean isAsync) throws CompileError {
        int defLine = expect(TokenKind.KW_DEF).line();
        String name = expectName();
        expect(TokenKind.DEL_PAREN_OPEN);
        List<Param> params = parameters(TokenKind.DEL_PAREN_CLOSE, true);
        expect(TokenKind.DEL_PAREN_CLOSE);
        Expr returns = accept(TokenKind.DEL_MINUS_MORE) ? test() : null;
        expect(TokenKind.DEL_COLON);
        List<Stmt> body = suite();
        return new Stmt.FunctionDef(line, defLine, name, params, returns, body, decorators, isAsync);
    }

    private Stmt classDef(int line, List<Stmt.Decorator> decorators) throws CompileError {
        int classLine = expect(TokenKind.KW_CLASS).line();
        String name = expectName();
        Expr.CallTrailer bases = null;
        if (at(TokenKind.DEL_PAREN_OPEN)) {
            bases = callTrailer();
            if (bases.args().isEmpty()) {
                bases = null;
            }
        }
        expect(TokenKind.DEL_COLON);
        return new Stmt.ClassDef(line, classLine, name, bases, suite(), decorators);
    }

    /** A def's or lambda's parameter list, up to (not including) {@code end}. */
    private List<Param> parameters(TokenKind end, boolean annotations) throws CompileError {
        List<Param> params = new ArrayList<>();
        while (!at(end)) {
            int line = tok().line();
            if (accept(TokenKind.OP_STAR)) {
                String name = null;
                Expr ann = null;
                if (at(TokenKind.NAME)) {
                    name = expectName();
                    if (annotations && accept(TokenKind.DEL_COLON)) {
                        ann = test();
                    }
                }
                params.add(new Param(line, Param.Kind.STAR, name, null, ann));
            } else if (accept(TokenKind.OP_DBL_STAR)) {
                String name = expectName();
                Expr ann = annotations && accept(TokenKind.DEL_COLON) ? test() : null;
                params.add(new Param(line, Param.Kind.DOUBLE_STAR, name, null, ann));
            } else {
                String name = expectName();
                Expr ann = annotations && accept(TokenKind.DEL_COLON) ? test() : null;
                Expr def = accept(TokenKind.DEL_EQUAL) ? test() : null;
                params.add(new Param(line, Param.Kind.NORMAL, name, def, ann));
            }
            if (!accept(TokenKind.DEL_COMMA)) {
                break;
            }
        }
        return params;
    }

    // ---- expressions ----

    private boolean startsTest() {
        return switch (kind()) {
            case NAME, INTEGER, FLOAT_OR_IMAG, STRING, BYTES, ELLIPSIS, KW_NONE, KW_TRUE, KW_FALSE,
                    DEL_PAREN_OPEN, DEL_BRACKET_OPEN, DEL_BRACE_OPEN, OP_MINUS, OP_PLUS, OP_TILDE,
                    KW_NOT, KW_LAMBDA, KW_AWAIT -> true;
            default -> false;
        };
    }

    private boolean startsTestOrStar() {
        return startsTest() || at(TokenKind.OP_STAR);
    }

    /** testlist: test (',' test)* [','] — a tuple (folded when constant) if there is a comma. */
    private Expr testList() throws CompileError {
        int line = tok().line();
        Expr first = test();
        if (!at(TokenKind.DEL_COMMA)) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (accept(TokenKind.DEL_COMMA)) {
            if (!startsTest()) {
                break;
            }
            items.add(test());
        }
        return ConstantFolder.foldTuple(line, items, false);
    }

    private Expr testListStarExpr() throws CompileError {
        int line = tok().line();
        Expr first = testOrStar();
        if (!at(TokenKind.DEL_COMMA)) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (accept(TokenKind.DEL_COMMA)) {
            if (!startsTestOrStar()) {
                break;
            }
            items.add(testOrStar());
        }
        return ConstantFolder.foldTuple(line, items, false);
    }

    private Expr testOrStar() throws CompileError {
        return at(TokenKind.OP_STAR) ? starExpr() : test();
    }

    private Expr starExpr() throws CompileError {
        int line = expect(TokenKind.OP_STAR).line();
        return new Expr.Starred(line, expr());
    }

    /** exprlist as a single target: one item, or an unparenthesized tuple. */
    private Expr exprListAsTarget() throws CompileError {
        int line = tok().line();
        List<Expr> items = new ArrayList<>();
        if (exprList(items)) {
            return new Expr.TupleExpr(line, items, false);
        }
        return items.get(0);
    }

    /** Reads an exprlist into {@code out}; true when it was a comma-separated list. */
    private boolean exprList(List<Expr> out) throws CompileError {
        out.add(at(TokenKind.OP_STAR) ? starExpr() : expr());
        boolean list = false;
        while (at(TokenKind.DEL_COMMA)) {
            advance();
            list = true;
            if (!startsTestOrStar()) {
                break;
            }
            out.add(at(TokenKind.OP_STAR) ? starExpr() : expr());
        }
        return list;
    }

    private Expr namedExprTest() throws CompileError {
        int line = tok().line();
        Expr t = test();
        if (accept(TokenKind.OP_ASSIGN)) {
            return new Expr.NamedExpr(line, t, test());
        }
        return t;
    }

    private Expr test() throws CompileError {
        if (at(TokenKind.KW_LAMBDA)) {
            return lambda(false);
        }
        int line = tok().line();
        Expr body = orTest();
        if (accept(TokenKind.KW_IF)) {
            Expr cond = orTest();
            expect(TokenKind.KW_ELSE);
            Expr orElse = test();
            return new Expr.IfExp(line, body, cond, orElse);
        }
        return body;
    }

    private Expr testNoCond() throws CompileError {
        return at(TokenKind.KW_LAMBDA) ? lambda(true) : orTest();
    }

    private Expr lambda(boolean noCond) throws CompileError {
        int line = expect(TokenKind.KW_LAMBDA).line();
        List<Param> params = parameters(TokenKind.DEL_COLON, false);
        expect(TokenKind.DEL_COLON);
        Expr body = noCond ? testNoCond() : test();
        return new Expr.Lambda(line, params, body);
    }

    private Expr orTest() throws CompileError {
        int line = tok().line();
        Expr first = andTest();
        if (!at(TokenKind.KW_OR)) {
            return first;
        }
        List<Expr> values = new ArrayList<>();
        values.add(first);
        while (accept(TokenKind.KW_OR)) {
            values.add(andTest());
        }
        return ConstantFolder.foldBoolOp(new Expr.BoolOp(line, true, values));
    }

    private Expr andTest() throws CompileError {
        int line = tok().line();
        Expr first = notTest();
        if (!at(TokenKind.KW_AND)) {
            return first;
        }
        List<Expr> values = new ArrayList<>();
        values.add(first);
        while (accept(TokenKind.KW_AND)) {
            values.add(notTest());
        }
        return ConstantFolder.foldBoolOp(new Expr.BoolOp(line, false, values));
    }

    private Expr notTest() throws CompileError {
        if (at(TokenKind.KW_NOT)) {
            int line = advance().line();
            return ConstantFolder.foldNot(new Expr.Not(line, notTest()));
        }
        return comparison();
    }

    private Expr comparison() throws CompileError {
        int line = tok().line();
        Expr first = expr();
        List<Expr.CompareOp> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Expr.CompareOp op;
            switch (kind()) {
                case OP_LESS -> op = Expr.CompareOp.LESS;
                case OP_MORE -> op = Expr.CompareOp.MORE;
                case OP_DBL_EQUAL -> op = Expr.CompareOp.EQUAL;
                case OP_LESS_EQUAL -> op = Expr.CompareOp.LESS_EQUAL;
                case OP_MORE_EQUAL -> op = Expr.CompareOp.MORE_EQUAL;
                case OP_NOT_EQUAL -> op = Expr.CompareOp.NOT_EQUAL;
                case KW_IN -> op = Expr.CompareOp.IN;
                case KW_NOT -> {
                    if (!atAhead(1, TokenKind.KW_IN)) {
                        throw error();
                    }
                    advance();
                    op = Expr.CompareOp.NOT_IN;
                }
                case KW_IS -> {
                    if (atAhead(1, TokenKind.KW_NOT)) {
                        advance();
                        op = Expr.CompareOp.IS_NOT;
                    } else {
                        op = Expr.CompareOp.IS;
                    }
                }
                default -> op = null;
            }
            if (op == null) {
                break;
            }
            advance();
            ops.add(op);
            rest.add(expr());
        }
        if (ops.isEmpty()) {
            return first;
        }
        return new Expr.Compare(line, first, ops, rest);
    }

    /** One binary precedence level; {@code next} parses the operands. */
    private interface Level {
        Expr parse() throws CompileError;
    }

    private Expr chain(Level next, Map<TokenKind, Integer> operators) throws CompileError {
        int line = tok().line();
        Expr first = next.parse();
        if (!operators.containsKey(kind())) {
            return first;
        }
        List<Integer> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (operators.containsKey(kind())) {
            ops.add(operators.get(advance().kind()));
            rest.add(next.parse());
        }
        return ConstantFolder.foldChain(new Expr.BinaryChain(line, first, ops, rest));
    }

    private static final Map<TokenKind, Integer> OR_OPS = Map.of(TokenKind.OP_PIPE, BinaryOp.OR);
    private static final Map<TokenKind, Integer> XOR_OPS = Map.of(TokenKind.OP_CARET, BinaryOp.XOR);
    private static final Map<TokenKind, Integer> AND_OPS = Map.of(TokenKind.OP_AMPERSAND, BinaryOp.AND);
    private static final Map<TokenKind, Integer> SHIFT_OPS = Map.of(
            TokenKind.OP_DBL_LESS, BinaryOp.LSHIFT, TokenKind.OP_DBL_MORE, BinaryOp.RSHIFT);
    private static final Map<TokenKind, Integer> ARITH_OPS = Map.of(
            TokenKind.OP_PLUS, BinaryOp.ADD, TokenKind.OP_MINUS, BinaryOp.SUBTRACT);
    private static final Map<TokenKind, Integer> TERM_OPS = Map.of(
            TokenKind.OP_STAR, BinaryOp.MULTIPLY, TokenKind.OP_AT, BinaryOp.MAT_MULTIPLY,
            TokenKind.OP_SLASH, BinaryOp.TRUE_DIVIDE, TokenKind.OP_PERCENT, BinaryOp.MODULO,
            TokenKind.OP_DBL_SLASH, BinaryOp.FLOOR_DIVIDE);

    private Expr expr() throws CompileError {
        return chain(this::xorExpr, OR_OPS);
    }

    private Expr xorExpr() throws CompileError {
        return chain(this::andExpr, XOR_OPS);
    }

    private Expr andExpr() throws CompileError {
        return chain(this::shiftExpr, AND_OPS);
    }

    private Expr shiftExpr() throws CompileError {
        return chain(this::arithExpr, SHIFT_OPS);
    }

    private Expr arithExpr() throws CompileError {
        return chain(this::term, ARITH_OPS);
    }

    private Expr term() throws CompileError {
        return chain(this::factor, TERM_OPS);
    }

    private Expr factor() throws CompileError {
        int op = switch (kind()) {
            case OP_PLUS -> UnaryOp.POSITIVE;
            case OP_MINUS -> UnaryOp.NEGATIVE;
            case OP_TILDE -> UnaryOp.INVERT;
            default -> -1;
        };
        if (op >= 0) {
            int line = advance().line();
            return ConstantFolder.foldUnary(new Expr.Unary(line, op, factor()));
        }
        return power();
    }

    private Expr power() throws CompileError {
        int line = tok().line();
        Expr base = atomExpr();
        if (accept(TokenKind.OP_DBL_STAR)) {
            Expr exp = factor();
            return ConstantFolder.foldPower(new Expr.BinaryChain(line, base, List.of(BinaryOp.POWER), List.of(exp)));
        }
        return base;
    }

    private Expr atomExpr() throws CompileError {
        int line = tok().line();
        boolean await = accept(TokenKind.KW_AWAIT);
        Expr base = atom();
        List<Expr.Trailer> trailers = new ArrayList<>();
        while (true) {
            if (at(TokenKind.DEL_PAREN_OPEN)) {
                trailers.add(callTrailer());
            } else if (at(TokenKind.DEL_BRACKET_OPEN)) {
                int l = advance().line();
                Expr index = subscriptList();
                expect(TokenKind.DEL_BRACKET_CLOSE);
                trailers.add(new Expr.IndexTrailer(l, index));
            } else if (at(TokenKind.DEL_PERIOD)) {
                int l = advance().line();
                trailers.add(new Expr.AttrTrailer(l, expectName()));
            } else {
                break;
            }
        }
        if (trailers.isEmpty() && !await) {
            return base;
        }
        return new Expr.AtomExpr(line, base, trailers, await);
    }

    private Expr.CallTrailer callTrailer() throws CompileError {
        int line = expect(TokenKind.DEL_PAREN_OPEN).line();
        List<Expr.Arg> args = new ArrayList<>();
        while (!at(TokenKind.DEL_PAREN_CLOSE)) {
            int l = tok().line();
            if (accept(TokenKind.OP_STAR)) {
                args.add(new Expr.StarArg(l, test()));
            } else if (accept(TokenKind.OP_DBL_STAR)) {
                args.add(new Expr.DoubleStarArg(l, test()));
            } else {
                Expr value = test();
                if (at(TokenKind.KW_FOR)) {
                    List<Expr.CompFor> gens = compFor();
                    args.add(new Expr.PositionalArg(
                            new Expr.Comprehension(0, l, Expr.CompKind.GENERATOR, value, null, gens)));
                } else if (accept(TokenKind.DEL_EQUAL)) {
                    args.add(new Expr.KeywordArg(l, value, test()));
                } else if (accept(TokenKind.OP_ASSIGN)) {
                    args.add(new Expr.NamedArg(l, value, test()));
                } else {
                    args.add(new Expr.PositionalArg(value));
                }
            }
            if (!accept(TokenKind.DEL_COMMA)) {
                break;
            }
        }
        expect(TokenKind.DEL_PAREN_CLOSE);
        return new Expr.CallTrailer(line, args);
    }

    private Expr subscriptList() throws CompileError {
        int line = tok().line();
        Expr first = subscript();
        if (!at(TokenKind.DEL_COMMA)) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (accept(TokenKind.DEL_COMMA)) {
            if (!startsTest() && !at(TokenKind.DEL_COLON)) {
                break;
            }
            items.add(subscript());
        }
        return ConstantFolder.foldTuple(line, items, false);
    }

    private Expr subscript() throws CompileError {
        int line = tok().line();
        Expr lower = null;
        if (!at(TokenKind.DEL_COLON)) {
            lower = test();
            if (!at(TokenKind.DEL_COLON)) {
                return lower;
            }
        }
        expect(TokenKind.DEL_COLON);
        Expr upper = null;
        Expr step = null;
        if (startsTest()) {
            upper = test();
        }
        if (accept(TokenKind.DEL_COLON)) {
            if (startsTest()) {
                step = test();
            }
        }
        return new Expr.Slice(line, lower, upper, step);
    }

    private List<Expr.CompFor> compFor() throws CompileError {
        List<Expr.CompFor> out = new ArrayList<>();
        while (at(TokenKind.KW_FOR)) {
            int line = advance().line();
            Expr target = exprListAsTarget();
            expect(TokenKind.KW_IN);
            Expr iter = orTest();
            List<Expr> conds = new ArrayList<>();
            while (accept(TokenKind.KW_IF)) {
                conds.add(testNoCond());
            }
            out.add(new Expr.CompFor(line, target, iter, conds));
        }
        return out;
    }

    private Expr yieldExpr() throws CompileError {
        int line = expect(TokenKind.KW_YIELD).line();
        if (accept(TokenKind.KW_FROM)) {
            return new Expr.YieldFrom(line, test());
        }
        if (startsTest()) {
            return new Expr.Yield(line, testList());
        }
        return new Expr.Yield(line, null);
    }

    private Expr atom() throws CompileError {
        Token t = tok();
        int line = t.line();
        switch (t.kind()) {
            case NAME: {
                advance();
                qstrs.add(t.text());
                Expr c = consts.get(t.text());
                if (c != null) {
                    return relocate(c, line);
                }
                return new Expr.Name(line, t.text());
            }
            case INTEGER:
                advance();
                return new Expr.IntLit(line, NumberParser.parseInteger(t.text()));
            case FLOAT_OR_IMAG:
                advance();
                return new Expr.ConstObject(line, NumberParser.parseFloat(t.text()));
            case STRING:
                advance();
                if (qstrs.internLiteral(t.text())) {
                    return new Expr.StrLit(line, t.text());
                }
                return new Expr.ConstObject(line, new Constant.Str(t.text()));
            case BYTES: {
                advance();
                byte[] b = t.text().getBytes(StandardCharsets.ISO_8859_1);
                return new Expr.ConstObject(line, new Constant.Bytes(b));
            }
            case ELLIPSIS:
                advance();
                return new Expr.SingletonLit(line, Expr.Singleton.ELLIPSIS);
            case KW_NONE:
                advance();
                return new Expr.SingletonLit(line, Expr.Singleton.NONE);
            case KW_TRUE:
                advance();
                return new Expr.SingletonLit(line, Expr.Singleton.TRUE);
            case KW_FALSE:
                advance();
                return new Expr.SingletonLit(line, Expr.Singleton.FALSE);
            case DEL_PAREN_OPEN:
                return parenAtom();
            case DEL_BRACKET_OPEN:
                return bracketAtom();
            case DEL_BRACE_OPEN:
                return braceAtom();
            default:
                throw error();
        }
    }

    /** A const() name's value at the place it is used. */
    private static Expr relocate(Expr c, int line) {
        if (c instanceof Expr.IntLit i) {
            return new Expr.IntLit(line, i.value());
        }
        return new Expr.ConstObject(line, ConstantFolder.toConstant(c));
    }

    private Expr parenAtom() throws CompileError {
        int line = expect(TokenKind.DEL_PAREN_OPEN).line();
        if (accept(TokenKind.DEL_PAREN_CLOSE)) {
            return new Expr.TupleExpr(line, List.of(), true);
        }
        if (at(TokenKind.KW_YIELD)) {
            Expr y = yieldExpr();
            expect(TokenKind.DEL_PAREN_CLOSE);
            return y;
        }
        int innerLine = tok().line();
        Expr first = at(TokenKind.OP_STAR) ? starExpr() : namedExprTest();
        if (at(TokenKind.KW_FOR)) {
            List<Expr.CompFor> gens = compFor();
            expect(TokenKind.DEL_PAREN_CLOSE);
            return new Expr.Comprehension(line, innerLine, Expr.CompKind.GENERATOR, first, null, gens);
        }
        if (accept(TokenKind.DEL_PAREN_CLOSE)) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        // a constant tuple of two or more items takes the line of its second item, as MicroPython's does
        int constLine = innerLine;
        while (accept(TokenKind.DEL_COMMA)) {
            if (at(TokenKind.DEL_PAREN_CLOSE)) {
                break;
            }
            if (items.size() == 1) {
                constLine = tok().line();
            }
            items.add(at(TokenKind.OP_STAR) ? starExpr() : namedExprTest());
        }
        expect(TokenKind.DEL_PAREN_CLOSE);
        Expr folded = ConstantFolder.foldTuple(constLine, items, true);
        if (folded instanceof Expr.TupleExpr) {
            return new Expr.TupleExpr(line, items, true);
        }
        return folded;
    }

    private Expr bracketAtom() throws CompileError {
        int line = expect(TokenKind.DEL_BRACKET_OPEN).line();
        List<Expr> items = new ArrayList<>();
        if (accept(TokenKind.DEL_BRACKET_CLOSE)) {
            return new Expr.ListExpr(line, items);
        }
        int innerLine = tok().line();
        Expr first = at(TokenKind.OP_STAR) ? starExpr() : namedExprTest();
        if (at(TokenKind.KW_FOR)) {
            List<Expr.CompFor> gens = compFor();
            expect(TokenKind.DEL_BRACKET_CLOSE);
            return new Expr.Comprehension(line, innerLine, Expr.CompKind.LIST, first, null, gens);
        }
        items.add(first);
        while (accept(TokenKind.DEL_COMMA)) {
            if (at(TokenKind.DEL_BRACKET_CLOSE)) {
                break;
            }
            items.add(at(TokenKind.OP_STAR) ? starExpr() : namedExprTest());
        }
        expect(TokenKind.DEL_BRACKET_CLOSE);
        return new Expr.ListExpr(line, items);
    }

    private Expr braceAtom() throws CompileError {
        int line = expect(TokenKind.DEL_BRACE_OPEN).line();
        if (accept(TokenKind.DEL_BRACE_CLOSE)) {
            return new Expr.DictExpr(line, List.of(), List.of());
        }
        int innerLine = tok().line();
        Expr first = test();
        if (accept(TokenKind.DEL_COLON)) {
            Expr value = test();
            if (at(TokenKind.KW_FOR)) {
                List<Expr.CompFor> gens = compFor();
                expect(TokenKind.DEL_BRACE_CLOSE);
                return new Expr.Comprehension(line, innerLine, Expr.CompKind.DICT, first, value, gens);
            }
            List<Expr> keys = new ArrayList<>(List.of(first));
            List<Expr> values = new ArrayList<>(List.of(value));
            while (accept(TokenKind.DEL_COMMA)) {
                if (at(TokenKind.DEL_BRACE_CLOSE)) {
                    break;
                }
                keys.add(test());
                expect(TokenKind.DEL_COLON);
                values.add(test());
            }
            expect(TokenKind.DEL_BRACE_CLOSE);
            return new Expr.DictExpr(line, keys, values);
        }
        if (at(TokenKind.KW_FOR)) {
            List<Expr.CompFor> gens = compFor();
            expect(TokenKind.DEL_BRACE_CLOSE);
            return new Expr.Comprehension(line, innerLine, Expr.CompKind.SET, first, null, gens);
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (accept(TokenKind.DEL_COMMA)) {
            if (at(TokenKind.DEL_BRACE_CLOSE)) {
                break;
            }
            items.add(test());
        }
        expect(TokenKind.DEL_BRACE_CLOSE);
        return new Expr.SetExpr(line, items);
    }
}
