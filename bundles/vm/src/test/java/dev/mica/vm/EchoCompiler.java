package dev.mica.vm;

import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.code.InputKind;
import dev.mica.code.Opcodes;

/** A stand-in compiler found through ServiceLoader: any source becomes {@code print(<source>)}. */
public final class EchoCompiler implements Compiler {
    @Override
    public CompiledModule compile(String source, String sourceFile, InputKind kind, CompileOptions options) {
        BytecodeAssembler asm = new BytecodeAssembler(sourceFile);
        BytecodeAssembler.Code c = asm.code("<module>");
        c.name(Opcodes.LOAD_NAME, "print").name(Opcodes.LOAD_CONST_STRING, source).op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        return asm.module(c.build());
    }
}
