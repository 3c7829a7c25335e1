package dev.mica.compiler;

import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.code.InputKind;
import dev.mica.code.RawCode;
import dev.mica.compiler.emit.CodeGenerator;
import dev.mica.compiler.parse.Expr;
import dev.mica.compiler.parse.Parser;
import dev.mica.compiler.parse.Stmt;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** MicroPython source to MicroPython v6 bytecode, laid out as {@code mpy-cross} lays it out. */
@Component(service = Compiler.class)
public final class BytecodeCompiler implements Compiler {
    public BytecodeCompiler() {
        // no state: every compilation is independent
    }

    @Override
    public CompiledModule compile(String source, String sourceFile, InputKind kind, CompileOptions options)
            throws CompileError {
        CompileOptions opts = options == null ? CompileOptions.DEFAULT : options;
        boolean debug = opts.optimizationLevel() == 0;
        CodeGenerator.ModuleSource module;
        try {
            module = parse(source, sourceFile, kind, debug);
        } catch (CompilerRaise e) {
            throw new CompileError(e.pythonType(), e.getMessage(), sourceFile, e.line());
        }
        CodeGenerator generator = new CodeGenerator(sourceFile, kind == InputKind.SINGLE, opts.optimizationLevel(),
                opts.smallIntBits());
        generator.setDefaultEmitMode(opts.emitMode());
        RawCode root;
        try {
            root = generator.compile(module);
        } catch (IllegalStateException e) {
            throw new CompileError("RuntimeError", e.getMessage(), sourceFile, 0);
        }
        return new CompiledModule(sourceFile, generator.tables().qstrList(), generator.tables().constantList(), root);
    }

    private static CodeGenerator.ModuleSource parse(String source, String sourceFile, InputKind kind, boolean debug)
            throws CompileError {
        if (kind == InputKind.EVAL) {
            Expr e = Parser.parseExpression(source, sourceFile, debug);
            return new CodeGenerator.ModuleSource(null, e);
        }
        List<Stmt> stmts = Parser.parseStatements(source, sourceFile, kind == InputKind.SINGLE, debug);
        return new CodeGenerator.ModuleSource(stmts, null);
    }
}
