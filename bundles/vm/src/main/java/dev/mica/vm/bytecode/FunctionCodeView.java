package dev.mica.vm.bytecode;

import dev.mica.code.EmitHints;
import dev.mica.emit.FunctionCode;
import dev.mica.obj.PyObject;

/** A decoded function as an emitter sees it: the interpreter's instructions in MicroPython's opcode numbers. */
final class FunctionCodeView implements FunctionCode {
    private final CodeInfo code;
    private final int[] instructions;

    FunctionCodeView(CodeInfo code) {
        this.code = code;
        instructions = code.code.clone();
        for (int i = 0; i < instructions.length; i += 3) {
            instructions[i] = DispatchCodes.standard(instructions[i]);
        }
    }

    @Override
    public String name() {
        return code.name;
    }

    @Override
    public String sourceFile() {
        return code.sourceFile();
    }

    @Override
    public EmitHints hints() {
        if (code.tiered && code.hints.mode() == dev.mica.code.EmitMode.BYTECODE) {
            // a hot function: compiled with native semantics, which are those of bytecode
            return new EmitHints(dev.mica.code.EmitMode.NATIVE, java.util.List.of(), null, java.util.List.of());
        }
        return code.hints;
    }

    @Override
    public int nState() {
        return code.nState;
    }

    @Override
    public int nExceptionStack() {
        return code.nExcStack;
    }

    @Override
    public int scopeFlags() {
        return code.scopeFlags;
    }

    @Override
    public int nPosArgs() {
        return code.nPosArgs;
    }

    @Override
    public int nKwonlyArgs() {
        return code.nKwonlyArgs;
    }

    @Override
    public boolean isGenerator() {
        return code.isGenerator();
    }

    @Override
    public String[] argNames() {
        return code.argNames.clone();
    }

    @Override
    public int[] cells() {
        return code.cells.clone();
    }

    @Override
    public int[] instructions() {
        return instructions;
    }

    @Override
    public PyObject[] literals() {
        return code.literals;
    }

    @Override
    public String[] names() {
        return code.module.names;
    }

    @Override
    public int childCount() {
        return code.children.length;
    }

    @Override
    public int lineOf(int position) {
        return code.lineOf(position);
    }
}
