package dev.mica.emitter;

import static org.objectweb.asm.Opcodes.*;

import dev.mica.code.EmitMode;
import dev.mica.code.Opcodes;
import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.code.Opcodes.UnaryOp;
import dev.mica.emit.FunctionCode;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one function's MicroPython bytecode into a JVM class implementing
 * {@link dev.mica.emit.CompiledBody}. Every slot of the bytecode's value stack and every local
 * becomes a JVM local variable (an object, or for viper words a long), and each opcode becomes
 * the call of the runtime helper the interpreter uses for it, or for viper's typed values the
 * JVM arithmetic MicroPython's native code performs.
 *
 * <p>As MicroPython's emitter does, the translator walks the instructions in order and knows
 * the type of every stack slot and local from what was stored there first; it runs twice, the
 * first time only to learn the type of each local (so that the second can give it a JVM
 * variable of the right kind) and to find viper's type errors, which MicroPython reports
 * at compile time (the last one found in the first statement that has one, as there).
 */
final class FunctionTranslator {
    private static final String OBJ = "dev/mica/obj/PyObject";
    private static final String OBJ_D = "L" + OBJ + ";";
    private static final String OPS = "dev/mica/emit/NativeOps";
    private static final String NUMBERS = "dev/mica/emit/NativeNumbers";
    private static final String GENERATORS = "dev/mica/emit/NativeGenerators";
    private static final String VIPER = "dev/mica/emit/ViperOps";
    private static final String FRAME = "dev/mica/emit/NativeFrame";
    private static final String MEMORY = "dev/mica/emit/ViperMemory";
    private static final String CALLS = "dev/mica/emit/NativeCallOps";
    private static final String COMPARISONS = "dev/mica/emit/Comparisons";
    private static final String BUILTIN_CALLS_CLASS = "dev/mica/emit/BuiltinCalls";
    /**
     * Global names with a direct call in BuiltinCalls, as name and number of arguments: read from
     * its methods (each takes the loaded function, then the call's arguments).
     */
    private static final java.util.Set<String> BUILTIN_CALLS = builtinCalls();

    private static java.util.Set<String> builtinCalls() {
        java.util.Set<String> calls = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : dev.mica.emit.BuiltinCalls.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(m.getModifiers()) && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                calls.add(m.getName() + "/" + (m.getParameterCount() - 1));
            }
        }
        return calls;
    }

    // fixed JVM locals of the run method
    private static final int THIS = 0;
    private static final int FRAME_VAR = 1;
    private static final int STATE_VAR = 2;
    private static final int POSITION_VAR = 3;
    private static final int PAIR_VAR = 4;
    private static final int MEMORY_VAR = 5;
    private static final int LITERALS_VAR = 6;
    private static final int FIRST_FREE_VAR = 7;

    private final FunctionCode code;
    private final String className;
    private final boolean viper;
    /** After the first pass: whether the code uses the LOAD_METHOD pair, viper's memory. */
    private boolean scratchKnown;
    private boolean usesPair;
    private boolean usesMemory;
    private final int[] ins;
    private final PyObject[] literals;
    private final String[] names;
    private final int nState;
    private final int nLocals;
    private final boolean[] alwaysBound;
    private final int[] cells;
    /** The type each local ends up with, learned by the first pass. */
    private ViperType[] localTypes;

    FunctionTranslator(FunctionCode code, String className) {
        this.code = code;
        this.className = className;
        this.viper = code.hints().mode() == EmitMode.VIPER;
        this.ins = code.instructions();
        this.literals = code.literals();
        this.names = code.names();
        this.nState = code.nState();
        this.cells = code.cells();
        this.nLocals = countLocals();
        this.alwaysBound = alwaysBoundLocals();
    }

    /**
     * The parameters the function never deletes: a call binds every parameter, so loading one
     * needs no check for "referenced before assignment".
     */
    private boolean[] alwaysBoundLocals() {
        int nParams = code.nPosArgs() + code.nKwonlyArgs();
        if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARARGS) != 0) {
            nParams++;
        }
        if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
            nParams++;
        }
        boolean[] bound = new boolean[nLocals];
        Arrays.fill(bound, 0, Math.min(nParams, nLocals), true);
        for (int ip = 0; ip < ins.length; ip += 3) {
            if (ins[ip] == Opcodes.DELETE_FAST && ins[ip + 1] < nLocals) {
                bound[ins[ip + 1]] = false;
            }
        }
        return bound;
    }

    private int countLocals() {
        int n = code.nPosArgs() + code.nKwonlyArgs();
        if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARARGS) != 0) {
            n++;
        }
        if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
            n++;
        }
        for (int c : cells) {
            n = Math.max(n, c + 1);
        }
        for (int ip = 0; ip < ins.length; ip += 3) {
            switch (ins[ip]) {
                case Opcodes.LOAD_FAST_N, Opcodes.STORE_FAST_N, Opcodes.DELETE_FAST, Opcodes.LOAD_DEREF,
                        Opcodes.STORE_DEREF, Opcodes.DELETE_DEREF -> n = Math.max(n, ins[ip + 1] + 1);
                default -> { }
            }
        }
        return n;
    }

    byte[] translate() {
        if (code.isGenerator() && viper) {
            throw notImplemented("native yield");
        }
        // the first pass also notes which per-call scratch objects the code reads, so that the
        // real one allocates only those
        Pass first = new Pass(new MethodVisitor(ASM9) {
            @Override
            public void visitVarInsn(int opcode, int var) {
                if (opcode == ALOAD && var == PAIR_VAR) {
                    usesPair = true;
                } else if (opcode == ALOAD && var == MEMORY_VAR) {
                    usesMemory = true;
                }
            }
        });
        first.run();
        scratchKnown = true;
        if (first.lastTypeError != null) {
            PyBaseException error = PyBaseException.withMessage(PyBaseException.VIPER_TYPE_ERROR, first.lastTypeError);
            error.addTraceback(code.sourceFile(), first.typeErrorLine, code.name());
            throw new PyException(error);
        }
        localTypes = first.localType;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // the values merged in a variable are Python objects (PyObject and its subclasses)
                return a.equals(b) ? a : isPyClass(a) && isPyClass(b) ? OBJ : "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, "dev/mica/emit/CompiledBody", null);
        cw.visitSource(code.sourceFile(), null);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "literals", "[" + OBJ_D, null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(0, "<init>", "([" + OBJ_D + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "dev/mica/emit/CompiledBody", "<init>", "()V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitFieldInsn(PUTFIELD, className, "literals", "[" + OBJ_D);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", "(L" + FRAME + ";[Ljava/lang/Object;)" + OBJ_D, null, null);
        mv.visitCode();
        new Pass(mv).run();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static boolean isPyClass(String internalName) {
        return internalName.startsWith("dev/mica/obj/");
    }

    private static PyException notImplemented(String message) {
        return new PyException(PyBaseException.withMessage(PyBaseException.NOT_IMPLEMENTED_ERROR, message));
    }

    /**
     * What the translator knows of a value on the operand stack: its viper type, the type a
     * viper cast converts to, whether it is a constant, and the global name an object was
     * loaded by (for the built-in calls of {@link #BUILTIN_CALLS}).
     */
    private record Slot(ViperType type, ViperType castTo, boolean immediate, String global) {
        static final Slot OBJECT = new Slot(ViperType.OBJECT, null, false, null);

        Slot(ViperType type, ViperType castTo, boolean immediate) {
            this(type, castTo, immediate, null);
        }

        static Slot of(ViperType t) {
            return t == ViperType.OBJECT ? OBJECT : new Slot(t, null, false);
        }
    }

    /** A try block: SETUP at {@code setup}, protecting the code up to its handler at {@code handler}. */
    private static final class Block {
        final int setup;
        final int handler;
        final boolean isFinally;
        final Label stub = new Label();
        int depth;
        int caughtVar;
        /** Where the handler's code ends: the target of its POP_EXCEPT_JUMPs (-1 until one is seen). */
        int handlerEnd = -1;

        Block(int setup, int handler, boolean isFinally) {
            this.setup = setup;
            this.handler = handler;
            this.isFinally = isFinally;
        }

        boolean protects(int ip) {
            return ip > setup && ip < handler;
        }
    }

    /** One walk over the instructions, emitting into {@code mv} (a sink that drops all in the first pass). */
    private final class Pass {
        final MethodVisitor mv;
        final ViperType[] localType = new ViperType[nLocals];
        final int[] localVar = new int[nLocals];
        final Slot[] stack = new Slot[nState + 8];
        int depth;
        /** The instruction being translated (for the line of a type error). */
        int currentIp;
        String lastTypeError;
        /** The line of the first type error; MicroPython stops at the statement that has one. */
        int typeErrorLine;
        /** The line of the instruction before, and the stack depth where that line's code began. */
        int previousLine = -1;
        int lineStartDepth;
        /** The stack depth at which the statement with the first type error ends; -1 once it has ended. */
        int errorStatementDepth = -1;
        final Label[] labels = new Label[ins.length / 3 + 1];
        final Map<Integer, Slot[]> forwardStates = new HashMap<>();
        final Map<Integer, Integer> forwardDepths = new HashMap<>();
        boolean reachable = true;
        final int stackBase;
        int nextVar;
        /** The try blocks (SETUP_EXCEPT/SETUP_FINALLY), in order of their SETUP instruction. */
        final java.util.List<Block> blocks = new java.util.ArrayList<>();
        /** For a generator: where each yield resumes (index k for resume point k + 1). */
        final java.util.List<Label> resumeLabels = new java.util.ArrayList<>();
        /** Handlers entered (in the order of the code) whose END_FINALLY has not come yet. */
        final java.util.ArrayDeque<Block> openHandlers = new java.util.ArrayDeque<>();

        Pass(MethodVisitor mv) {
            this.mv = mv;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = new Label();
            }
            stackBase = FIRST_FREE_VAR;
            nextVar = stackBase + 3 * stack.length;
        }

        int objVar(int d) {
            return stackBase + 3 * d;
        }

        int wordVar(int d) {
            return stackBase + 3 * d + 1;
        }

        /**
         * Records a viper type error. MicroPython stops compiling after the first statement
         * with an error, and within that statement the last error found wins.
         */
        void typeError(String message) {
            if (lastTypeError == null) {
                typeErrorLine = code.lineOf(currentIp);
                errorStatementDepth = lineStartDepth;
                lastTypeError = message;
            } else if (errorStatementDepth >= 0) {
                lastTypeError = message;
            }
        }

        /**
         * Follows statements for the type errors: one starts where a new source line starts, and
         * the one with the first error ends when the value stack is back to where it began
         * (so {@code a = x; b = y} on one line is two statements, as for MicroPython).
         */
        void trackStatement(int ip, boolean after) {
            if (after) {
                if (errorStatementDepth >= 0 && depth <= errorStatementDepth) {
                    errorStatementDepth = -1;
                }
                return;
            }
            int line = code.lineOf(ip);
            if (line != previousLine) {
                previousLine = line;
                lineStartDepth = depth;
            }
        }

        Label label(int position) {
            return labels[position / 3];
        }

        // ---- entry ----

        void prologue() {
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitFieldInsn(GETFIELD, className, "literals", "[" + OBJ_D);
            mv.visitVarInsn(ASTORE, LITERALS_VAR);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, POSITION_VAR);
            if (!scratchKnown || usesPair) {
                mv.visitInsn(ICONST_2);
                mv.visitTypeInsn(ANEWARRAY, OBJ);
                mv.visitVarInsn(ASTORE, PAIR_VAR);
            }
            if (!scratchKnown || usesMemory) {
                mv.visitTypeInsn(NEW, MEMORY);
                mv.visitInsn(DUP);
                mv.visitMethodInsn(INVOKESPECIAL, MEMORY, "<init>", "()V", false);
                mv.visitVarInsn(ASTORE, MEMORY_VAR);
            }
            int nArgs = code.nPosArgs() + code.nKwonlyArgs();
            for (int i = 0; i < nLocals; i++) {
                ViperType declared = null;
                if (viper && i < nArgs) {
                    String annotation = i < code.hints().argTypes().size() ? code.hints().argTypes().get(i) : null;
                    declared = ViperType.named(annotation);
                    if (declared == null) {
                        declared = ViperType.OBJECT;
                    }
                } else if (!viper || i < nArgs || isCell(i) || i >= nArgs && isStarParam(i, nArgs)) {
                    declared = ViperType.OBJECT;
                }
                localType[i] = declared;
                // the variable's kind: what the local ends up as (first pass), else what it starts as
                ViperType kind = localTypes != null && localTypes[i] != null ? localTypes[i] : declared;
                if (kind != null && kind.isWord()) {
                    localVar[i] = nextVar;
                    nextVar += 2;
                    if (declared != null) {
                        loadState(i);
                        fromObject(declared);
                    } else {
                        mv.visitInsn(LCONST_0);
                    }
                    mv.visitVarInsn(LSTORE, localVar[i]);
                } else {
                    localVar[i] = nextVar++;
                    loadState(i);
                    mv.visitVarInsn(ASTORE, localVar[i]);
                }
            }
        }

        boolean isCell(int local) {
            for (int c : cells) {
                if (c == local) {
                    return true;
                }
            }
            return false;
        }

        boolean isStarParam(int local, int nArgs) {
            int extra = 0;
            if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARARGS) != 0) {
                extra++;
            }
            if ((code.scopeFlags() & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
                extra++;
            }
            return local < nArgs + extra;
        }

        void loadState(int local) {
            mv.visitVarInsn(ALOAD, STATE_VAR);
            push(nState - 1 - local);
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, OBJ);
        }

        /** Converts the object on the JVM stack to a value of {@code t} (a long for words). */
        void fromObject(ViperType t) {
            switch (t) {
                case OBJECT -> { }
                case BOOL -> mv.visitMethodInsn(INVOKESTATIC, VIPER, "toBool", "(" + OBJ_D + ")J", false);
                case INT, UINT -> mv.visitMethodInsn(INVOKESTATIC, VIPER, "toInt", "(" + OBJ_D + ")J", false);
                default -> mv.visitMethodInsn(INVOKESTATIC, VIPER, "toPointer", "(" + OBJ_D + ")J", false);
            }
        }

        void push(int value) {
            if (value >= -1 && value <= 5) {
                mv.visitInsn(ICONST_0 + value);
            } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, value);
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, value);
            } else {
                mv.visitLdcInsn(value);
            }
        }

        // ---- the value stack ----

        /** Pops the object on the JVM stack into a new top slot. */
        void pushObject() {
            mv.visitVarInsn(ASTORE, objVar(depth));
            stack[depth++] = Slot.OBJECT;
        }

        /** Pops the long on the JVM stack into a new top slot of type {@code t}. */
        void pushWord(ViperType t, boolean immediate) {
            mv.visitVarInsn(LSTORE, wordVar(depth));
            stack[depth++] = new Slot(t, null, immediate);
        }

        Slot peek(int fromTop) {
            return stack[depth - 1 - fromTop];
        }

        /** Loads slot {@code d} onto the JVM stack as it is held (object or long). */
        void loadRaw(int d) {
            Slot s = stack[d];
            if (s.type().isWord()) {
                mv.visitVarInsn(LLOAD, wordVar(d));
            } else if (s.type() == ViperType.CAST) {
                throw notImplemented("casting");
            } else {
                mv.visitVarInsn(ALOAD, objVar(d));
            }
        }

        /** Loads slot {@code d} as an object, boxing viper words as MicroPython's native glue does. */
        void loadObject(int d) {
            Slot s = stack[d];
            switch (s.type()) {
                case OBJECT -> mv.visitVarInsn(ALOAD, objVar(d));
                case CAST -> throw notImplemented("casting");
                case NONE -> mv.visitFieldInsn(GETSTATIC, "dev/mica/obj/PyNone", "NONE", "Ldev/mica/obj/PyNone;");
                case BOOL -> {
                    mv.visitVarInsn(LLOAD, wordVar(d));
                    mv.visitMethodInsn(INVOKESTATIC, VIPER, "fromBool", "(J)" + OBJ_D, false);
                }
                case INT -> {
                    mv.visitVarInsn(LLOAD, wordVar(d));
                    mv.visitMethodInsn(INVOKESTATIC, VIPER, "fromInt", "(J)" + OBJ_D, false);
                }
                default -> {
                    if (s.immediate() && s.type() != ViperType.UINT) {
                        // MicroPython cannot box a constant pointer either
                        throw notImplemented("conversion to object");
                    }
                    mv.visitVarInsn(LLOAD, wordVar(d));
                    mv.visitMethodInsn(INVOKESTATIC, VIPER, "fromUint", "(J)" + OBJ_D, false);
                }
            }
        }

        void storeSlotFromJvm(int d, Slot s) {
            if (s.type().isWord()) {
                mv.visitVarInsn(LSTORE, wordVar(d));
            } else {
                mv.visitVarInsn(ASTORE, objVar(d));
            }
            stack[d] = s;
        }

        void copySlot(int from, int to) {
            Slot s = stack[from];
            if (s.type() == ViperType.CAST) {
                stack[to] = s;
                return;
            }
            loadRaw(from);
            storeSlotFromJvm(to, s);
        }

        /** Builds a PyObject[] from {@code n} slots starting at {@code from}, leaving it on the JVM stack. */
        void objectArray(int from, int n) {
            push(n);
            mv.visitTypeInsn(ANEWARRAY, OBJ);
            for (int i = 0; i < n; i++) {
                mv.visitInsn(DUP);
                push(i);
                loadObject(from + i);
                mv.visitInsn(AASTORE);
            }
        }

        void position(int ip) {
            push(ip);
            mv.visitVarInsn(ISTORE, POSITION_VAR);
        }

        void frame() {
            mv.visitVarInsn(ALOAD, FRAME_VAR);
        }

        void checkInterrupts() {
            frame();
            mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "checkInterrupts", "()V", false);
        }

        void recordForward(int target, int ip, int targetDepth) {
            if (target > ip && !forwardStates.containsKey(target)) {
                forwardStates.put(target, Arrays.copyOf(stack, stack.length));
                forwardDepths.put(target, targetDepth);
            }
        }

        // ---- the walk ----

        void run() {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            findBlocks();
            // the JVM takes the first entry that covers a failure: inner blocks first, this function's own last
            java.util.List<Block> byExtent = new java.util.ArrayList<>(blocks);
            byExtent.sort(java.util.Comparator.comparingInt(b -> b.handler - b.setup));
            for (Block b : byExtent) {
                mv.visitTryCatchBlock(label(b.setup + 3), label(b.handler), b.stub, "java/lang/RuntimeException");
            }
            mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            prologue();
            for (Block b : blocks) {
                b.caughtVar = nextVar++;
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, b.caughtVar);
            }
            mv.visitLabel(start);
            if (code.isGenerator()) {
                // a resumed generator continues after the yield it stopped at
                for (int ip = 0; ip < ins.length; ip += 3) {
                    if (ins[ip] == Opcodes.YIELD_VALUE || ins[ip] == Opcodes.YIELD_FROM) {
                        resumeLabels.add(new Label());
                    }
                }
                Label fresh = new Label();
                if (!resumeLabels.isEmpty()) {
                    frame();
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "resumePoint", "()I", false);
                    mv.visitTableSwitchInsn(1, resumeLabels.size(), fresh, resumeLabels.toArray(new Label[0]));
                }
                // a generator not started yet can have an exception thrown in too (pend_throw)
                mv.visitLabel(fresh);
                throwInjected(0);
            }
            boolean[] backwardTarget = backwardTargets();
            for (int ip = 0; ip < ins.length; ip += 3) {
                if (!reachable && forwardStates.containsKey(ip)) {
                    Slot[] saved = forwardStates.get(ip);
                    System.arraycopy(saved, 0, stack, 0, stack.length);
                    depth = forwardDepths.get(ip);
                } else if (!reachable && !backwardTarget[ip / 3]) {
                    // dead code (the RETURN_VALUE past the end, code after a return): nothing jumps here
                    mv.visitLabel(label(ip));
                    continue;
                }
                // an except handler left by its POP_EXCEPT_JUMPs (a bare except has no END_FINALLY)
                while (!openHandlers.isEmpty() && openHandlers.peek().handlerEnd == ip) {
                    openHandlers.pop();
                }
                Block entered = handlerAt(ip);
                if (entered != null && reachable && stack[depth - 1].type() != ViperType.OBJECT) {
                    // a finally entered normally: its None joins the exception path as an object
                    loadObject(depth - 1);
                    mv.visitVarInsn(ASTORE, objVar(depth - 1));
                }
                reachable = true;
                mv.visitLabel(label(ip));
                if (entered != null) {
                    stack[depth - 1] = Slot.OBJECT;
                    openHandlers.push(entered);
                }
                currentIp = ip;
                if (viper) {
                    trackStatement(ip, false);
                }
                instruction(ip, ins[ip], ins[ip + 1], ins[ip + 2]);
                if (viper) {
                    trackStatement(ip, true);
                }
            }
            mv.visitLabel(end);
            // a failure inside a try block: its traceback line, then the handler with the exception pushed
            for (Block b : blocks) {
                mv.visitLabel(b.stub);
                mv.visitVarInsn(ASTORE, objVar(b.depth));
                frame();
                frame();
                mv.visitVarInsn(ALOAD, objVar(b.depth));
                mv.visitVarInsn(ILOAD, POSITION_VAR);
                mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "traceback", "(Ljava/lang/Throwable;I)Ldev/mica/obj/PyException;", false);
                mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "enterHandler", "(Ldev/mica/obj/PyException;)" + OBJ_D, false);
                mv.visitInsn(DUP);
                mv.visitVarInsn(ASTORE, b.caughtVar);
                mv.visitVarInsn(ASTORE, objVar(b.depth));
                mv.visitJumpInsn(GOTO, label(b.handler));
            }
            // any failure: this function's traceback line, then on up
            mv.visitLabel(handler);
            mv.visitVarInsn(ASTORE, STATE_VAR);
            frame();
            mv.visitVarInsn(ALOAD, STATE_VAR);
            mv.visitVarInsn(ILOAD, POSITION_VAR);
            mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "traceback", "(Ljava/lang/Throwable;I)Ldev/mica/obj/PyException;", false);
            mv.visitInsn(ATHROW);
        }

        void findBlocks() {
            for (int ip = 0; ip < ins.length; ip += 3) {
                int op = ins[ip];
                if (op == Opcodes.SETUP_EXCEPT || op == Opcodes.SETUP_FINALLY || op == Opcodes.SETUP_WITH) {
                    blocks.add(new Block(ip, ins[ip + 1], op != Opcodes.SETUP_EXCEPT));
                }
            }
            for (int ip = 0; ip < ins.length; ip += 3) {
                int op = ins[ip];
                if (op == Opcodes.RETURN_VALUE || op == Opcodes.UNWIND_JUMP) {
                    for (Block b : blocks) {
                        if (b.isFinally && b.protects(ip)) {
                            // leaving through a finally block needs its pending-return machinery
                            throw new Declined("return or jump through finally");
                        }
                    }
                }
            }
        }

        Block blockAt(int setup) {
            for (Block b : blocks) {
                if (b.setup == setup) {
                    return b;
                }
            }
            throw new IllegalStateException("no block at " + setup);
        }

        Block handlerAt(int ip) {
            for (Block b : blocks) {
                if (b.handler == ip) {
                    return b;
                }
            }
            return null;
        }

        boolean[] backwardTargets() {
            boolean[] targets = new boolean[labels.length];
            for (int ip = 0; ip < ins.length; ip += 3) {
                int op = ins[ip];
                boolean jump = op == Opcodes.JUMP || op == Opcodes.POP_JUMP_IF_TRUE || op == Opcodes.POP_JUMP_IF_FALSE
                        || op == Opcodes.JUMP_IF_TRUE_OR_POP || op == Opcodes.JUMP_IF_FALSE_OR_POP
                        || op == Opcodes.FOR_ITER || op == Opcodes.UNWIND_JUMP || op == Opcodes.POP_EXCEPT_JUMP;
                if (jump && ins[ip + 1] <= ip) {
                    targets[ins[ip + 1] / 3] = true;
                }
            }
            return targets;
        }

        void instruction(int ip, int op, int arg, int extra) {
            switch (op) {
                case FunctionCode.LOAD_LITERAL -> loadLiteral(arg);
                case Opcodes.LOAD_CONST_FALSE, Opcodes.LOAD_CONST_TRUE -> {
                    boolean value = op == Opcodes.LOAD_CONST_TRUE;
                    if (viper) {
                        mv.visitInsn(value ? LCONST_1 : LCONST_0);
                        pushWord(ViperType.BOOL, true);
                    } else {
                        mv.visitFieldInsn(GETSTATIC, "dev/mica/obj/PyBool", value ? "TRUE" : "FALSE", "Ldev/mica/obj/PyBool;");
                        pushObject();
                    }
                }
                case Opcodes.LOAD_CONST_NONE -> {
                    if (viper) {
                        mv.visitInsn(LCONST_0);
                        pushWord(ViperType.NONE, true);
                    } else {
                        mv.visitFieldInsn(GETSTATIC, "dev/mica/obj/PyNone", "NONE", "Ldev/mica/obj/PyNone;");
                        pushObject();
                    }
                }
                case Opcodes.LOAD_NULL -> {
                    mv.visitInsn(ACONST_NULL);
                    pushObject();
                }
                case Opcodes.LOAD_FAST_N -> loadFast(ip, arg);
                case Opcodes.STORE_FAST_N -> storeFast(arg);
                case Opcodes.DELETE_FAST -> {
                    requireObjectLocal(arg);
                    position(ip);
                    mv.visitVarInsn(ALOAD, localVar[arg]);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "checkBound", "(" + OBJ_D + ")" + OBJ_D, false);
                    mv.visitInsn(POP);
                    mv.visitInsn(ACONST_NULL);
                    mv.visitVarInsn(ASTORE, localVar[arg]);
                    writeThrough(arg);
                }
                case Opcodes.LOAD_DEREF -> {
                    requireObjectLocal(arg);
                    position(ip);
                    mv.visitVarInsn(ALOAD, localVar[arg]);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "loadCell", "(" + OBJ_D + ")" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.STORE_DEREF -> {
                    requireObjectLocal(arg);
                    mv.visitVarInsn(ALOAD, localVar[arg]);
                    loadObject(depth - 1);
                    depth--;
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "storeCell", "(" + OBJ_D + OBJ_D + ")V", false);
                }
                case Opcodes.LOAD_GLOBAL -> {
                    ViperType cast = viper ? ViperType.castNamed(names[arg]) : null;
                    if (cast != null) {
                        stack[depth++] = new Slot(ViperType.CAST, cast, true);
                    } else {
                        position(ip);
                        frame();
                        push(arg);
                        mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "loadGlobal", "(I)" + OBJ_D, false);
                        pushObject();
                        stack[depth - 1] = new Slot(ViperType.OBJECT, null, false, names[arg]);
                    }
                }
                case Opcodes.STORE_GLOBAL -> {
                    frame();
                    push(arg);
                    loadObject(--depth);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "storeGlobal", "(I" + OBJ_D + ")V", false);
                }
                case Opcodes.DELETE_GLOBAL -> {
                    position(ip);
                    frame();
                    push(arg);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "deleteGlobal", "(I)V", false);
                }
                case Opcodes.LOAD_ATTR -> {
                    position(ip);
                    frame();
                    loadObject(--depth);
                    push(ip / 3);
                    mv.visitLdcInsn(names[arg]);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "loadAttr", "(" + OBJ_D + "ILjava/lang/String;)" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.LOAD_METHOD -> {
                    position(ip);
                    frame();
                    loadObject(--depth);
                    push(ip / 3);
                    mv.visitLdcInsn(names[arg]);
                    mv.visitVarInsn(ALOAD, PAIR_VAR);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "loadMethod", "(" + OBJ_D + "ILjava/lang/String;[" + OBJ_D + ")V", false);
                    pairToStack();
                }
                case Opcodes.LOAD_SUPER_METHOD -> {
                    position(ip);
                    loadObject(depth - 2);
                    loadObject(depth - 1);
                    mv.visitLdcInsn(names[arg]);
                    mv.visitVarInsn(ALOAD, PAIR_VAR);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "loadSuperMethod",
                            "(" + OBJ_D + OBJ_D + "Ljava/lang/String;[" + OBJ_D + ")" + OBJ_D, false);
                    mv.visitInsn(POP);
                    depth -= 3;
                    pairToStack();
                }
                case Opcodes.STORE_ATTR -> {
                    position(ip);
                    frame();
                    loadObject(depth - 1);
                    push(ip / 3);
                    mv.visitLdcInsn(names[arg]);
                    loadObject(depth - 2);
                    depth -= 2;
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "storeAttr", "(" + OBJ_D + "ILjava/lang/String;" + OBJ_D + ")V", false);
                }
                case Opcodes.LOAD_SUBSCR -> loadSubscript(ip);
                case Opcodes.STORE_SUBSCR -> storeSubscript(ip);
                case Opcodes.DUP_TOP -> {
                    copySlot(depth - 1, depth);
                    depth++;
                }
                case Opcodes.DUP_TOP_TWO -> {
                    copySlot(depth - 2, depth);
                    copySlot(depth - 1, depth + 1);
                    depth += 2;
                }
                case Opcodes.POP_TOP -> depth--;
                case Opcodes.ROT_TWO -> {
                    // top two swap: through the spare slots above the stack
                    copySlot(depth - 1, depth);
                    copySlot(depth - 2, depth - 1);
                    copySlot(depth, depth - 2);
                }
                case Opcodes.ROT_THREE -> {
                    copySlot(depth - 1, depth);
                    copySlot(depth - 2, depth - 1);
                    copySlot(depth - 3, depth - 2);
                    copySlot(depth, depth - 3);
                }
                case Opcodes.JUMP -> {
                    recordForward(arg, ip, depth);
                    if (arg <= ip) {
                        checkInterrupts();
                    }
                    mv.visitJumpInsn(GOTO, label(arg));
                    reachable = false;
                }
                case Opcodes.POP_JUMP_IF_TRUE, Opcodes.POP_JUMP_IF_FALSE -> {
                    position(ip);
                    truth(depth - 1);
                    depth--;
                    recordForward(arg, ip, depth);
                    conditionalJump(op == Opcodes.POP_JUMP_IF_TRUE ? IFNE : IFEQ, arg, ip);
                }
                case Opcodes.JUMP_IF_TRUE_OR_POP, Opcodes.JUMP_IF_FALSE_OR_POP -> {
                    position(ip);
                    truth(depth - 1);
                    recordForward(arg, ip, depth);
                    conditionalJump(op == Opcodes.JUMP_IF_TRUE_OR_POP ? IFNE : IFEQ, arg, ip);
                    depth--;
                }
                case Opcodes.GET_ITER -> {
                    position(ip);
                    loadObject(depth - 1);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "getIter", "(" + OBJ_D + ")" + OBJ_D, false);
                    depth--;
                    pushObject();
                }
                case Opcodes.GET_ITER_STACK -> {
                    position(ip);
                    int at = depth - 1;
                    loadObject(at);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "getIter", "(" + OBJ_D + ")" + OBJ_D, false);
                    mv.visitVarInsn(ASTORE, objVar(at + 1));
                    mv.visitInsn(ACONST_NULL);
                    mv.visitVarInsn(ASTORE, objVar(at));
                    stack[at] = Slot.OBJECT;
                    stack[at + 1] = Slot.OBJECT;
                    stack[at + 2] = Slot.OBJECT;
                    stack[at + 3] = Slot.OBJECT;
                    mv.visitInsn(ACONST_NULL);
                    mv.visitVarInsn(ASTORE, objVar(at + 2));
                    mv.visitInsn(ACONST_NULL);
                    mv.visitVarInsn(ASTORE, objVar(at + 3));
                    depth += 3;
                }
                case Opcodes.FOR_ITER -> {
                    position(ip);
                    mv.visitVarInsn(ALOAD, objVar(depth - 3));
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "next", "(" + OBJ_D + ")" + OBJ_D, false);
                    mv.visitInsn(DUP);
                    mv.visitVarInsn(ASTORE, objVar(depth));
                    recordForward(arg, ip, depth - 4);
                    mv.visitJumpInsn(IFNULL, label(arg));
                    stack[depth++] = Slot.OBJECT;
                }
                case Opcodes.BUILD_TUPLE, Opcodes.BUILD_LIST, Opcodes.BUILD_SET -> {
                    position(ip);
                    objectArray(depth - arg, arg);
                    depth -= arg;
                    String method = op == Opcodes.BUILD_TUPLE ? "buildTuple" : op == Opcodes.BUILD_LIST ? "buildList" : "buildSet";
                    mv.visitMethodInsn(INVOKESTATIC, OPS, method, "([" + OBJ_D + ")" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.BUILD_MAP -> {
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "buildMap", "()" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.STORE_MAP -> {
                    position(ip);
                    loadObject(depth - 3);
                    loadObject(depth - 1);
                    loadObject(depth - 2);
                    depth -= 2;
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "storeMap", "(" + OBJ_D + OBJ_D + OBJ_D + ")V", false);
                }
                case Opcodes.BUILD_SLICE -> {
                    position(ip);
                    int n = arg;
                    loadObject(depth - n);
                    loadObject(depth - n + 1);
                    if (n == 3) {
                        loadObject(depth - 1);
                    } else {
                        mv.visitInsn(ACONST_NULL);
                    }
                    depth -= n;
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "buildSlice", "(" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.STORE_COMP -> {
                    position(ip);
                    int kind = arg & 3;
                    loadObject(depth - 1 - (arg >> 2));
                    if (kind == 1) {
                        loadObject(depth - 1);
                        loadObject(depth - 2);
                        depth -= 2;
                        mv.visitMethodInsn(INVOKESTATIC, OPS, "storeCompMap", "(" + OBJ_D + OBJ_D + OBJ_D + ")V", false);
                    } else {
                        loadObject(depth - 1);
                        depth--;
                        mv.visitMethodInsn(INVOKESTATIC, OPS, "storeComp", "(" + OBJ_D + OBJ_D + ")V", false);
                    }
                }
                case Opcodes.UNPACK_SEQUENCE -> {
                    position(ip);
                    loadObject(--depth);
                    push(arg);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "unpackSequence", "(" + OBJ_D + "I)[" + OBJ_D, false);
                    arrayToStack(arg);
                }
                case Opcodes.UNPACK_EX -> {
                    position(ip);
                    int before = arg & 0xff;
                    int after = (arg >> 8) & 0xff;
                    loadObject(--depth);
                    push(before);
                    push(after);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "unpackEx", "(" + OBJ_D + "II)[" + OBJ_D, false);
                    arrayToStack(before + after + 1);
                }
                case Opcodes.MAKE_FUNCTION -> makeFunction(ip, arg, false, 0);
                case Opcodes.MAKE_FUNCTION_DEFARGS -> makeFunction(ip, arg, true, 0);
                case Opcodes.MAKE_CLOSURE -> makeFunction(ip, arg, false, extra);
                case Opcodes.MAKE_CLOSURE_DEFARGS -> makeFunction(ip, arg, true, extra);
                case Opcodes.CALL_FUNCTION -> call(ip, arg, false);
                case Opcodes.CALL_METHOD -> call(ip, arg, true);
                case Opcodes.CALL_FUNCTION_VAR_KW, Opcodes.CALL_METHOD_VAR_KW -> callVarKw(ip, arg, op == Opcodes.CALL_METHOD_VAR_KW);
                case Opcodes.RETURN_VALUE -> returnValue();
                case Opcodes.RAISE_OBJ -> {
                    position(ip);
                    if (viper && peek(0).type() != ViperType.OBJECT) {
                        typeError("must raise an object");
                    }
                    loadObject(--depth);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "raise", "(" + OBJ_D + ")Ldev/mica/obj/PyException;", false);
                    mv.visitInsn(ATHROW);
                    reachable = false;
                }
                case Opcodes.RAISE_FROM -> {
                    position(ip);
                    frame();
                    loadObject(depth - 2);
                    loadObject(depth - 1);
                    depth -= 2;
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "raiseFrom", "(" + OBJ_D + OBJ_D + ")Ldev/mica/obj/PyException;", false);
                    mv.visitInsn(ATHROW);
                    reachable = false;
                }
                case FunctionCode.UNARY_OP -> unaryOp(ip, arg);
                case FunctionCode.BINARY_OP -> binaryOp(ip, arg);
                case Opcodes.IMPORT_NAME -> {
                    position(ip);
                    frame();
                    push(arg);
                    loadObject(depth - 1);
                    loadObject(depth - 2);
                    depth -= 2;
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "importName", "(I" + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.IMPORT_FROM -> {
                    position(ip);
                    frame();
                    loadObject(depth - 1);
                    push(arg);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "importFrom", "(" + OBJ_D + "I)" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.IMPORT_STAR -> {
                    position(ip);
                    frame();
                    loadObject(--depth);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "importStar", "(" + OBJ_D + ")V", false);
                }
                case Opcodes.LOAD_BUILD_CLASS -> {
                    frame();
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "buildClass", "()" + OBJ_D, false);
                    pushObject();
                }
                case Opcodes.SETUP_EXCEPT, Opcodes.SETUP_FINALLY -> {
                    Block b = blockAt(ip);
                    b.depth = depth;
                    stack[depth] = Slot.OBJECT;
                    recordForward(arg, ip, depth + 1);
                }
                case Opcodes.SETUP_WITH -> {
                    position(ip);
                    Block b = blockAt(ip);
                    int at = depth - 1;
                    loadObject(at);
                    mv.visitVarInsn(ALOAD, PAIR_VAR);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "setupWith", "(" + OBJ_D + "[" + OBJ_D + ")" + OBJ_D, false);
                    mv.visitVarInsn(ASTORE, objVar(at + 2));
                    depth = at;
                    pairToStack();
                    b.depth = depth;
                    stack[depth] = Slot.OBJECT;
                    recordForward(arg, ip, depth + 1);
                    stack[depth++] = Slot.OBJECT;
                }
                case Opcodes.WITH_CLEANUP -> {
                    position(ip);
                    mv.visitVarInsn(ALOAD, objVar(depth - 3));
                    mv.visitVarInsn(ALOAD, objVar(depth - 2));
                    loadObject(depth - 1);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "withCleanup", "(" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                    depth -= 3;
                    pushObject();
                }
                case Opcodes.POP_EXCEPT_JUMP -> {
                    if (!openHandlers.isEmpty() && openHandlers.peek().handlerEnd < 0) {
                        openHandlers.peek().handlerEnd = arg;
                    }
                    frame();
                    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "leaveHandler", "()V", false);
                    recordForward(arg, ip, depth);
                    mv.visitJumpInsn(GOTO, label(arg));
                    reachable = false;
                }
                case Opcodes.END_FINALLY -> {
                    if (!openHandlers.isEmpty()) {
                        openHandlers.pop();
                    }
                    // a re-raise adds no traceback line
                    push(-1);
                    mv.visitVarInsn(ISTORE, POSITION_VAR);
                    loadObject(--depth);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "endFinally", "(" + OBJ_D + ")V", false);
                }
                case Opcodes.RAISE_LAST -> {
                    push(-1);
                    mv.visitVarInsn(ISTORE, POSITION_VAR);
                    if (openHandlers.isEmpty()) {
                        mv.visitInsn(ACONST_NULL);
                    } else {
                        mv.visitVarInsn(ALOAD, openHandlers.peek().caughtVar);
                    }
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "reraise", "(" + OBJ_D + ")Ldev/mica/obj/PyException;", false);
                    mv.visitInsn(ATHROW);
                    reachable = false;
                }
                case Opcodes.UNWIND_JUMP -> {
                    // only except blocks are left here (finally blocks were declined): pop them, then jump
                    int target = depth - ((extra & 0x80) != 0 ? 4 : 0);
                    recordForward(arg, ip, target);
                    depth = target;
                    if (arg <= ip) {
                        checkInterrupts();
                    }
                    mv.visitJumpInsn(GOTO, label(arg));
                    reachable = false;
                }
                case Opcodes.YIELD_VALUE -> yieldValue(ip);
                case Opcodes.YIELD_FROM -> {
                    if (viper) {
                        throw notImplemented("native yield");
                    }
                    yieldFrom(ip);
                }
                default -> throw new Declined("opcode 0x" + Integer.toHexString(op));
            }
        }

        /**
         * YIELD_VALUE: the locals and the stack go into the frame's state array, where the
         * interpreter keeps them, and the value is returned; the resume point reloads them
         * (the sent value is then on top) and raises what was thrown in, if anything.
         */
        void yieldValue(int ip) {
            suspendAt(resumePoint(ip));
            throwInjected(ip);
        }

        /**
         * Stores the locals and the stack into the frame's state array, suspends at resume
         * point {@code point} giving the top of the stack, and there, on the next resume,
         * reloads the stack (the sent value then on top).
         */
        void suspendAt(int point) {
            for (int i = 0; i < nLocals; i++) {
                mv.visitVarInsn(ALOAD, STATE_VAR);
                push(nState - 1 - i);
                mv.visitVarInsn(ALOAD, localVar[i]);
                mv.visitInsn(AASTORE);
            }
            for (int d = 0; d < depth; d++) {
                mv.visitVarInsn(ALOAD, STATE_VAR);
                push(d);
                loadObject(d);
                mv.visitInsn(AASTORE);
            }
            frame();
            push(point);
            push(depth - 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "suspend", "(II)V", false);
            loadObject(depth - 1);
            mv.visitInsn(ARETURN);
            mv.visitLabel(resumeLabels.get(point - 1));
            for (int d = 0; d < depth; d++) {
                mv.visitVarInsn(ALOAD, STATE_VAR);
                push(d);
                mv.visitInsn(AALOAD);
                mv.visitTypeInsn(CHECKCAST, OBJ);
                mv.visitVarInsn(ASTORE, objVar(d));
                stack[d] = Slot.OBJECT;
            }
        }

        /** The resume point of the yield at {@code ip}: yields (and yield froms) are numbered from 1 in code order. */
        int resumePoint(int ip) {
            int point = 0;
            for (int q = 0; q <= ip; q += 3) {
                if (ins[q] == Opcodes.YIELD_VALUE || ins[q] == Opcodes.YIELD_FROM) {
                    point++;
                }
            }
            return point;
        }

        /**
         * YIELD_FROM (the delegate under the value to send): one step of the delegate per
         * resume. While it yields, this generator suspends as at a yield, with the delegate's
         * value on top, and its next resume (the sent value then on top, or an exception to
         * throw in) comes back to the same step; once the delegate is done, its return value
         * replaces it on the stack.
         */
        void yieldFrom(int ip) {
            int point = resumePoint(ip);
            int target = depth - 2;
            int sent = depth - 1;
            for (int d = target; d <= sent; d++) {
                loadObject(d);
                mv.visitVarInsn(ASTORE, objVar(d));
                stack[d] = Slot.OBJECT;
            }
            Label step = new Label();
            Label done = new Label();
            position(ip);
            mv.visitLabel(step);
            frame();
            mv.visitVarInsn(ALOAD, objVar(target));
            mv.visitVarInsn(ALOAD, objVar(sent));
            mv.visitVarInsn(ALOAD, PAIR_VAR);
            mv.visitMethodInsn(INVOKESTATIC, GENERATORS, "yieldFrom", "(L" + FRAME + ";" + OBJ_D + OBJ_D + "[" + OBJ_D + ")" + OBJ_D, false);
            mv.visitInsn(DUP);
            mv.visitJumpInsn(IFNULL, done);
            // the delegate's value takes the sent value's place on top of the stack
            mv.visitVarInsn(ASTORE, objVar(sent));
            suspendAt(point);
            position(ip);
            mv.visitJumpInsn(GOTO, step);
            mv.visitLabel(done);
            mv.visitInsn(POP);
            mv.visitVarInsn(ALOAD, PAIR_VAR);
            push(0);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, objVar(target));
            depth = sent;
        }

        /** Raises the exception thrown into a resumed generator, if any, as if at instruction {@code ip}. */
        void throwInjected(int ip) {
            position(ip);
            Label carryOn = new Label();
            frame();
            mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "takeInjected", "()" + OBJ_D, false);
            mv.visitInsn(DUP);
            mv.visitJumpInsn(IFNULL, carryOn);
            mv.visitMethodInsn(INVOKESTATIC, OPS, "raise", "(" + OBJ_D + ")Ldev/mica/obj/PyException;", false);
            mv.visitInsn(ATHROW);
            mv.visitLabel(carryOn);
            mv.visitInsn(POP);
        }

        void pairToStack() {
            for (int i = 0; i < 2; i++) {
                mv.visitVarInsn(ALOAD, PAIR_VAR);
                push(i);
                mv.visitInsn(AALOAD);
                pushObject();
            }
        }

        void arrayToStack(int n) {
            int arrayVar = objVar(depth + n);
            mv.visitVarInsn(ASTORE, arrayVar);
            for (int i = 0; i < n; i++) {
                mv.visitVarInsn(ALOAD, arrayVar);
                push(i);
                mv.visitInsn(AALOAD);
                pushObject();
            }
        }

        void requireObjectLocal(int local) {
            ViperType kind = localTypes != null && localTypes[local] != null ? localTypes[local] : localType[local];
            if (kind != null && kind.isWord()) {
                throw new Declined("cell or deleted viper word local");
            }
            if (localType[local] == null) {
                localType[local] = ViperType.OBJECT;
            }
        }

        void loadLiteral(int index) {
            PyObject lit = literals[index];
            if (viper && lit instanceof PyInt i && !(lit instanceof PyBool) && !i.isBig()
                    && i.value >= -(1L << 62) && i.value < (1L << 62)) {
                mv.visitLdcInsn(i.value);
                pushWord(ViperType.INT, true);
                return;
            }
            mv.visitVarInsn(ALOAD, LITERALS_VAR);
            push(index);
            mv.visitInsn(AALOAD);
            pushObject();
        }

        String localName(int local) {
            String n = code.hints().localName(local);
            return n != null ? n : "local" + local;
        }

        void loadFast(int ip, int local) {
            ViperType t = localType[local];
            if (t == null) {
                typeError("local '" + localName(local) + "' used before type known");
                // carry on as MicroPython does, with an object
                t = ViperType.OBJECT;
            }
            ViperType kind = localTypes != null && localTypes[local] != null ? localTypes[local] : t;
            if (kind.isWord()) {
                mv.visitVarInsn(LLOAD, localVar[local]);
                pushWord(kind, false);
            } else {
                mv.visitVarInsn(ALOAD, localVar[local]);
                if (!viper && !alwaysBound[local]) {
                    position(ip);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "checkBound", "(" + OBJ_D + ")" + OBJ_D, false);
                }
                pushObject();
            }
        }

        void storeFast(int local) {
            Slot s = peek(0);
            ViperType t = s.type();
            if (t == ViperType.CAST) {
                throw notImplemented("casting");
            }
            if (localType[local] == null) {
                localType[local] = t;
            } else if (localType[local] != t) {
                typeError("local '" + localName(local) + "' has type '" + localType[local].pythonName
                        + "' but source is '" + t.pythonName + "'");
            }
            ViperType kind = localTypes != null && localTypes[local] != null ? localTypes[local] : localType[local];
            int d = --depth;
            if (kind.isWord()) {
                if (t.isWord()) {
                    mv.visitVarInsn(LLOAD, wordVar(d));
                } else {
                    mv.visitVarInsn(ALOAD, objVar(d));
                    fromObject(kind);
                }
                mv.visitVarInsn(LSTORE, localVar[local]);
            } else {
                loadObject(d);
                mv.visitVarInsn(ASTORE, localVar[local]);
                writeThrough(local);
            }
        }

        /**
         * Copies an object local to its slot of the frame's state, where the interpreter keeps
         * it: the heap's tracer finds a running function's locals there (as MicroPython's
         * collector finds native code's locals on the C stack).
         */
        void writeThrough(int local) {
            mv.visitVarInsn(ALOAD, STATE_VAR);
            push(nState - 1 - local);
            mv.visitVarInsn(ALOAD, localVar[local]);
            mv.visitInsn(AASTORE);
        }

        /** The Comparisons method for a comparison operator, else null. */
        String comparisonHelper(int op) {
            return switch (op) {
                case BinaryOp.LESS -> "less";
                case BinaryOp.MORE -> "more";
                case BinaryOp.LESS_EQUAL -> "lessEqual";
                case BinaryOp.MORE_EQUAL -> "moreEqual";
                case BinaryOp.EQUAL -> "equal";
                case BinaryOp.NOT_EQUAL -> "notEqual";
                default -> null;
            };
        }

        /** The NativeOps method for a binary op on two objects: one with an inline small-int case where there is one. */
        String objectBinaryOpHelper(int op) {
            return switch (op) {
                case BinaryOp.ADD, BinaryOp.INPLACE_ADD -> "add";
                case BinaryOp.SUBTRACT, BinaryOp.INPLACE_SUBTRACT -> "subtract";
                default -> numbersBinaryOpHelper(op);
            };
        }

        /** The NativeNumbers method for the arithmetic ops it has a fast path for, else NativeOps' binaryOp. */
        String numbersBinaryOpHelper(int op) {
            return switch (op) {
                case BinaryOp.MULTIPLY, BinaryOp.INPLACE_MULTIPLY -> "multiply";
                case BinaryOp.TRUE_DIVIDE, BinaryOp.INPLACE_TRUE_DIVIDE -> "trueDivide";
                case BinaryOp.FLOOR_DIVIDE, BinaryOp.INPLACE_FLOOR_DIVIDE -> "floorDivide";
                case BinaryOp.MODULO, BinaryOp.INPLACE_MODULO -> "modulo";
                case BinaryOp.AND, BinaryOp.INPLACE_AND, BinaryOp.OR, BinaryOp.INPLACE_OR, BinaryOp.XOR,
                        BinaryOp.INPLACE_XOR -> "bitwise";
                case BinaryOp.LSHIFT, BinaryOp.INPLACE_LSHIFT, BinaryOp.RSHIFT, BinaryOp.INPLACE_RSHIFT -> "shift";
                default -> "binaryOp";
            };
        }

        /** Leaves the truth of slot {@code d} on the JVM stack as an int (0 or 1). */
        void truth(int d) {
            Slot s = stack[d];
            switch (s.type()) {
                case OBJECT -> {
                    mv.visitVarInsn(ALOAD, objVar(d));
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "isTrue", "(" + OBJ_D + ")Z", false);
                }
                case BOOL, INT, UINT -> {
                    mv.visitVarInsn(LLOAD, wordVar(d));
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                }
                default -> {
                    typeError("can't implicitly convert '" + s.type().pythonName + "' to 'bool'");
                    if (s.type().isWord()) {
                        mv.visitVarInsn(LLOAD, wordVar(d));
                        mv.visitInsn(LCONST_0);
                        mv.visitInsn(LCMP);
                    } else {
                        mv.visitInsn(ICONST_0);
                    }
                }
            }
        }

        /** Jumps when the int on the JVM stack passes {@code jvmTest}; backward jumps check for interrupts first. */
        void conditionalJump(int jvmTest, int target, int ip) {
            if (target > ip) {
                mv.visitJumpInsn(jvmTest, label(target));
                return;
            }
            Label stay = new Label();
            mv.visitJumpInsn(jvmTest == IFNE ? IFEQ : IFNE, stay);
            checkInterrupts();
            mv.visitJumpInsn(GOTO, label(target));
            mv.visitLabel(stay);
        }

        void makeFunction(int ip, int child, boolean defaults, int nClosed) {
            position(ip);
            int base = depth - nClosed - (defaults ? 2 : 0);
            frame();
            push(child);
            if (defaults) {
                loadObject(base);
                loadObject(base + 1);
            } else {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ACONST_NULL);
            }
            if (nClosed > 0) {
                objectArray(depth - nClosed, nClosed);
            } else {
                mv.visitInsn(ACONST_NULL);
            }
            depth = base;
            mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "makeFunction", "(I" + OBJ_D + OBJ_D + "[" + OBJ_D + ")" + OBJ_D, false);
            pushObject();
        }

        void call(int ip, int arg, boolean method) {
            int nPos = arg & 0xff;
            int nKw = (arg >> 8) & 0xff;
            int fnAt = depth - nPos - 2 * nKw - (method ? 2 : 1);
            Slot fn = stack[fnAt];
            if (fn.type() == ViperType.CAST) {
                cast(fnAt, nPos, nKw);
                return;
            }
            position(ip);
            checkInterrupts();
            int argsAt = fnAt + 1;
            if (!method && nKw == 0 && fn.global() != null && BUILTIN_CALLS.contains(fn.global() + "/" + nPos)) {
                mv.visitVarInsn(ALOAD, objVar(fnAt));
                for (int i = 0; i < nPos; i++) {
                    loadObject(argsAt + i);
                }
                mv.visitMethodInsn(INVOKESTATIC, BUILTIN_CALLS_CLASS, fn.global(), "(" + OBJ_D.repeat(nPos + 1) + ")" + OBJ_D, false);
                depth = fnAt;
                pushObject();
                return;
            }
            if (nKw == 0 && nPos <= (method ? 2 : 3)) {
                // the common short calls pass their arguments one by one (NativeCallOps)
                int n = (method ? 1 : 0) + nPos;
                mv.visitVarInsn(ALOAD, objVar(fnAt));
                for (int i = 0; i < n; i++) {
                    loadObject(argsAt + i);
                }
                mv.visitMethodInsn(INVOKESTATIC, CALLS, (method ? "callMethod" : "call") + nPos,
                        "(" + OBJ_D.repeat(n + 1) + ")" + OBJ_D, false);
                depth = fnAt;
                pushObject();
                return;
            }
            mv.visitVarInsn(ALOAD, objVar(fnAt));
            int nArgs = (method ? 1 : 0) + nPos + nKw;
            push(nArgs);
            mv.visitTypeInsn(ANEWARRAY, OBJ);
            int k = 0;
            if (method) {
                mv.visitInsn(DUP);
                push(k++);
                loadObject(argsAt);
                mv.visitInsn(AASTORE);
                argsAt++;
            }
            for (int i = 0; i < nPos; i++) {
                mv.visitInsn(DUP);
                push(k++);
                loadObject(argsAt + i);
                mv.visitInsn(AASTORE);
            }
            for (int i = 0; i < nKw; i++) {
                mv.visitInsn(DUP);
                push(k++);
                loadObject(argsAt + nPos + 2 * i + 1);
                mv.visitInsn(AASTORE);
            }
            if (nKw == 0) {
                mv.visitInsn(ACONST_NULL);
            } else {
                push(nKw);
                mv.visitTypeInsn(ANEWARRAY, "java/lang/String");
                for (int i = 0; i < nKw; i++) {
                    mv.visitInsn(DUP);
                    push(i);
                    loadObject(argsAt + nPos + 2 * i);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "keywordName", "(" + OBJ_D + ")Ljava/lang/String;", false);
                    mv.visitInsn(AASTORE);
                }
            }
            mv.visitMethodInsn(INVOKESTATIC, OPS, method ? "callMethod" : "call",
                    "(" + OBJ_D + "[" + OBJ_D + "[Ljava/lang/String;)" + OBJ_D, false);
            depth = fnAt;
            pushObject();
        }

        void callVarKw(int ip, int arg, boolean method) {
            int nPos = arg & 0xff;
            int nKw = (arg >> 8) & 0xff;
            int nItems = nPos + 2 * nKw + 1;
            int fnAt = depth - nItems - (method ? 2 : 1);
            position(ip);
            checkInterrupts();
            mv.visitVarInsn(ALOAD, objVar(fnAt));
            if (method) {
                loadObject(fnAt + 1);
            } else {
                mv.visitInsn(ACONST_NULL);
            }
            objectArray(depth - nItems, nItems);
            push(nPos);
            push(nKw);
            mv.visitMethodInsn(INVOKESTATIC, OPS, "callVarKw", "(" + OBJ_D + OBJ_D + "[Ljava/lang/Object;II)" + OBJ_D, false);
            depth = fnAt;
            pushObject();
        }

        /** A viper cast {@code int(x)}, {@code ptr8(buf)}: converts objects, re-types words. */
        void cast(int fnAt, int nPos, int nKw) {
            ViperType to = stack[fnAt].castTo();
            if (nPos != 1 || nKw != 0) {
                throw new Declined("cast with " + nPos + " arguments");
            }
            Slot value = stack[fnAt + 1];
            switch (value.type()) {
                case OBJECT -> {
                    mv.visitVarInsn(ALOAD, objVar(fnAt + 1));
                    fromObject(to);
                    depth = fnAt;
                    pushWord(to, false);
                }
                case CAST -> throw notImplemented("casting");
                default -> {
                    mv.visitVarInsn(LLOAD, wordVar(fnAt + 1));
                    depth = fnAt;
                    pushWord(to, value.immediate());
                }
            }
        }

        void returnValue() {
            Slot s = peek(0);
            int d = --depth;
            if (viper) {
                ViperType ret = ViperType.named(code.hints().returnType());
                if (ret == null) {
                    ret = ViperType.OBJECT;
                }
                if (s.type() == ViperType.NONE) {
                    if (ret == ViperType.OBJECT) {
                        mv.visitFieldInsn(GETSTATIC, "dev/mica/obj/PyNone", "NONE", "Ldev/mica/obj/PyNone;");
                    } else {
                        mv.visitInsn(LCONST_0);
                        boxWord(ret);
                    }
                    mv.visitInsn(ARETURN);
                    reachable = false;
                    return;
                }
                if (s.type() != ret) {
                    typeError("return expected '" + ret.pythonName + "' but got '" + s.type().pythonName + "'");
                }
                if (ret != ViperType.OBJECT) {
                    if (s.type().isWord()) {
                        mv.visitVarInsn(LLOAD, wordVar(d));
                    } else {
                        mv.visitVarInsn(ALOAD, objVar(d));
                        fromObject(ret);
                    }
                    boxWord(ret);
                    mv.visitInsn(ARETURN);
                    reachable = false;
                    return;
                }
            }
            loadObject(d);
            mv.visitInsn(ARETURN);
            reachable = false;
        }

        /** The long on the JVM stack as the object a viper function of return type {@code t} gives. */
        void boxWord(ViperType t) {
            String method = switch (t) {
                case BOOL -> "fromBool";
                case INT -> "fromInt";
                default -> "fromUint";
            };
            mv.visitMethodInsn(INVOKESTATIC, VIPER, method, "(J)" + OBJ_D, false);
        }

        void unaryOp(int ip, int op) {
            Slot s = peek(0);
            int d = depth - 1;
            if (s.type() == ViperType.OBJECT) {
                position(ip);
                push(op);
                mv.visitVarInsn(ALOAD, objVar(d));
                mv.visitMethodInsn(INVOKESTATIC, NUMBERS, "unaryOp", "(I" + OBJ_D + ")" + OBJ_D, false);
                depth--;
                pushObject();
                return;
            }
            if (s.type().isInteger()) {
                switch (op) {
                    case UnaryOp.POSITIVE -> { }
                    case UnaryOp.NEGATIVE -> {
                        mv.visitVarInsn(LLOAD, wordVar(d));
                        mv.visitInsn(LNEG);
                        depth--;
                        pushWord(s.type(), false);
                    }
                    case UnaryOp.INVERT -> {
                        mv.visitVarInsn(LLOAD, wordVar(d));
                        mv.visitLdcInsn(-1L);
                        mv.visitInsn(LXOR);
                        depth--;
                        pushWord(s.type(), false);
                    }
                    default -> typeError("'not' not implemented");
                }
                return;
            }
            typeError("can't do unary op of '" + s.type().pythonName + "'");
        }

        void binaryOp(int ip, int op) {
            Slot lhs = peek(1);
            Slot rhs = peek(0);
            int l = depth - 2;
            int r = depth - 1;
            if (!viper || lhs.type() == ViperType.OBJECT && rhs.type() == ViperType.OBJECT) {
                position(ip);
                if (op == BinaryOp.EXCEPTION_MATCH) {
                    mv.visitVarInsn(ALOAD, objVar(l));
                    mv.visitVarInsn(ALOAD, objVar(r));
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "exceptionMatch", "(" + OBJ_D + OBJ_D + ")Z", false);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "bool", "(Z)" + OBJ_D, false);
                } else if (comparisonHelper(op) != null) {
                    mv.visitVarInsn(ALOAD, objVar(l));
                    mv.visitVarInsn(ALOAD, objVar(r));
                    mv.visitMethodInsn(INVOKESTATIC, COMPARISONS, comparisonHelper(op), "(" + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                } else {
                    push(op);
                    mv.visitVarInsn(ALOAD, objVar(l));
                    mv.visitVarInsn(ALOAD, objVar(r));
                    String helper = objectBinaryOpHelper(op);
                    String owner = numbersBinaryOpHelper(op).equals("binaryOp") ? OPS : NUMBERS;
                    mv.visitMethodInsn(INVOKESTATIC, owner, helper, "(I" + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                }
                depth -= 2;
                pushObject();
                return;
            }
            if (!lhs.type().isInteger() || !rhs.type().isInteger()) {
                typeError("can't do binary op between '" + lhs.type().pythonName + "' and '" + rhs.type().pythonName + "'");
                depth -= 1;
                return;
            }
            if (op >= BinaryOp.INPLACE_OR && op <= BinaryOp.INPLACE_POWER) {
                op += BinaryOp.INPLACE_TO_PLAIN;
            }
            ViperType type = lhs.type();
            switch (op) {
                case BinaryOp.LSHIFT, BinaryOp.RSHIFT -> {
                    mv.visitVarInsn(LLOAD, wordVar(l));
                    mv.visitVarInsn(LLOAD, wordVar(r));
                    mv.visitInsn(L2I);
                    mv.visitInsn(op == BinaryOp.LSHIFT ? LSHL : type == ViperType.UINT ? LUSHR : LSHR);
                    depth -= 2;
                    pushWord(type, false);
                }
                case BinaryOp.FLOOR_DIVIDE, BinaryOp.MODULO -> {
                    if (type != ViperType.INT) {
                        typeError("div/mod not implemented for uint");
                    }
                    position(ip);
                    mv.visitVarInsn(LLOAD, wordVar(l));
                    mv.visitVarInsn(LLOAD, wordVar(r));
                    mv.visitMethodInsn(INVOKESTATIC, VIPER, op == BinaryOp.FLOOR_DIVIDE ? "floorDivide" : "modulo", "(JJ)J", false);
                    depth -= 2;
                    pushWord(ViperType.INT, false);
                }
                case BinaryOp.OR, BinaryOp.XOR, BinaryOp.AND, BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY -> {
                    mv.visitVarInsn(LLOAD, wordVar(l));
                    mv.visitVarInsn(LLOAD, wordVar(r));
                    mv.visitInsn(switch (op) {
                        case BinaryOp.OR -> LOR;
                        case BinaryOp.XOR -> LXOR;
                        case BinaryOp.AND -> LAND;
                        case BinaryOp.ADD -> LADD;
                        case BinaryOp.SUBTRACT -> LSUB;
                        default -> LMUL;
                    });
                    depth -= 2;
                    pushWord(type, false);
                }
                case BinaryOp.LESS, BinaryOp.MORE, BinaryOp.EQUAL, BinaryOp.LESS_EQUAL, BinaryOp.MORE_EQUAL, BinaryOp.NOT_EQUAL -> {
                    if (lhs.type() != rhs.type()) {
                        typeError("comparison of int and uint");
                    }
                    mv.visitVarInsn(LLOAD, wordVar(l));
                    mv.visitVarInsn(LLOAD, wordVar(r));
                    if (type == ViperType.UINT) {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                    } else {
                        mv.visitInsn(LCMP);
                    }
                    int test = switch (op) {
                        case BinaryOp.LESS -> IFLT;
                        case BinaryOp.MORE -> IFGT;
                        case BinaryOp.EQUAL -> IFEQ;
                        case BinaryOp.LESS_EQUAL -> IFLE;
                        case BinaryOp.MORE_EQUAL -> IFGE;
                        default -> IFNE;
                    };
                    Label yes = new Label();
                    Label done = new Label();
                    mv.visitJumpInsn(test, yes);
                    mv.visitInsn(LCONST_0);
                    mv.visitJumpInsn(GOTO, done);
                    mv.visitLabel(yes);
                    mv.visitInsn(LCONST_1);
                    mv.visitLabel(done);
                    depth -= 2;
                    pushWord(ViperType.BOOL, false);
                }
                default -> {
                    typeError("binary op " + methodName(op) + " not implemented");
                    depth -= 1;
                }
            }
        }

        void loadSubscript(int ip) {
            Slot base = peek(1);
            Slot index = peek(0);
            position(ip);
            if (base.type() == ViperType.OBJECT) {
                mv.visitVarInsn(ALOAD, objVar(depth - 2));
                loadObject(depth - 1);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "getItem", "(" + OBJ_D + OBJ_D + ")" + OBJ_D, false);
                depth -= 2;
                pushObject();
                return;
            }
            int size = pointerSize(base.type());
            if (!(index.type() == ViperType.INT && index.immediate())) {
                if (!index.type().isInteger()) {
                    typeError("can't load with '" + index.type().pythonName + "' index");
                }
            }
            if (size == 0) {
                typeError("can't load from '" + base.type().pythonName + "'");
                depth -= 2;
                mv.visitInsn(LCONST_0);
                pushWord(ViperType.INT, false);
                return;
            }
            mv.visitVarInsn(ALOAD, MEMORY_VAR);
            address(depth - 2, depth - 1, size);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "load" + (8 * size), "(J)J", false);
            depth -= 2;
            pushWord(ViperType.INT, false);
        }

        void storeSubscript(int ip) {
            Slot base = peek(1);
            Slot index = peek(0);
            Slot value = peek(2);
            position(ip);
            if (base.type() == ViperType.OBJECT) {
                mv.visitVarInsn(ALOAD, objVar(depth - 2));
                loadObject(depth - 1);
                loadObject(depth - 3);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "setItem", "(" + OBJ_D + OBJ_D + OBJ_D + ")V", false);
                depth -= 3;
                return;
            }
            int size = pointerSize(base.type());
            if (!(index.type() == ViperType.INT && index.immediate()) && !index.type().isInteger()) {
                typeError("can't store with '" + index.type().pythonName + "' index");
            }
            boolean valueOk = value.type() == ViperType.BOOL || value.type().isInteger();
            if (!valueOk) {
                typeError("can't store '" + value.type().pythonName + "'");
            }
            if (size == 0) {
                typeError("can't store to '" + base.type().pythonName + "'");
            }
            if (size == 0 || !valueOk || !index.type().isWord()) {
                depth -= 3;
                return;
            }
            mv.visitVarInsn(ALOAD, MEMORY_VAR);
            address(depth - 2, depth - 1, size);
            mv.visitVarInsn(LLOAD, wordVar(depth - 3));
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "store" + (8 * size), "(JJ)V", false);
            depth -= 3;
        }

        /** Pushes {@code base + size * index} (a long) for a pointer access. */
        void address(int base, int index, int size) {
            mv.visitVarInsn(LLOAD, wordVar(base));
            if (stack[index].type().isWord()) {
                mv.visitVarInsn(LLOAD, wordVar(index));
            } else {
                mv.visitInsn(LCONST_0);
            }
            if (size > 1) {
                mv.visitLdcInsn((long) size);
                mv.visitInsn(LMUL);
            }
            mv.visitInsn(LADD);
        }

        int pointerSize(ViperType t) {
            return switch (t) {
                case PTR8 -> 1;
                case PTR16 -> 2;
                case PTR32 -> 4;
                default -> 0;
            };
        }
    }

    /** The special method name MicroPython's messages give for a binary operator ("" where it has none). */
    static String methodName(int op) {
        return switch (op) {
            case BinaryOp.LESS -> "__lt__";
            case BinaryOp.MORE -> "__gt__";
            case BinaryOp.EQUAL -> "__eq__";
            case BinaryOp.LESS_EQUAL -> "__le__";
            case BinaryOp.MORE_EQUAL -> "__ge__";
            case BinaryOp.NOT_EQUAL -> "__ne__";
            case BinaryOp.OR -> "__or__";
            case BinaryOp.XOR -> "__xor__";
            case BinaryOp.AND -> "__and__";
            case BinaryOp.LSHIFT -> "__lshift__";
            case BinaryOp.RSHIFT -> "__rshift__";
            case BinaryOp.ADD -> "__add__";
            case BinaryOp.SUBTRACT -> "__sub__";
            case BinaryOp.MULTIPLY -> "__mul__";
            case BinaryOp.MAT_MULTIPLY -> "__matmul__";
            case BinaryOp.FLOOR_DIVIDE -> "__floordiv__";
            case BinaryOp.TRUE_DIVIDE -> "__truediv__";
            case BinaryOp.MODULO -> "__mod__";
            case BinaryOp.POWER -> "__pow__";
            default -> "";
        };
    }
}
