package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.mica.code.Constant;
import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;
import dev.mica.interp.RunResult;

class VirtualMachineTest {
    private static final int ADD = Opcodes.BinaryOp.ADD;

    /** print(args...) then pop the result. */
    private static void print(BytecodeAssembler.Code c, Runnable pushArgs, int n) {
        c.name(Opcodes.LOAD_NAME, "print");
        pushArgs.run();
        c.op(Opcodes.CALL_FUNCTION, n);
        c.op(Opcodes.POP_TOP);
    }

    private static RawCode end(BytecodeAssembler.Code c) {
        return c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE).build();
    }

    @Test
    void arithmeticAndPrint() {
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        print(c, () -> c.smallInt(40).smallInt(2).binary(ADD), 1);
        print(c, () -> c.smallInt(Long.MAX_VALUE).smallInt(1).binary(ADD), 1);
        print(c, () -> c.smallInt(-7).smallInt(2).binary(Opcodes.BinaryOp.FLOOR_DIVIDE), 1);
        print(c, () -> c.op(Opcodes.LOAD_CONST_OBJ, asm.constant(new Constant.Str("a"))).smallInt(3)
                .binary(Opcodes.BinaryOp.MULTIPLY), 1);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("42\n9223372036854775808\n-4\naaa\n", o.out());
        assertEquals(RunResult.COMPLETED, o.result());
    }

    @Test
    void loopWithBackwardJump() {
        // i = 0; s = 0; while i < 5: s += i; i += 1; print(s)
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.smallInt(0).name(Opcodes.STORE_NAME, "i").smallInt(0).name(Opcodes.STORE_NAME, "s");
        c.jump(Opcodes.JUMP, "cond");
        c.label("body");
        c.name(Opcodes.LOAD_NAME, "s").name(Opcodes.LOAD_NAME, "i").binary(Opcodes.BinaryOp.INPLACE_ADD).name(Opcodes.STORE_NAME, "s");
        c.name(Opcodes.LOAD_NAME, "i").smallInt(1).binary(Opcodes.BinaryOp.INPLACE_ADD).name(Opcodes.STORE_NAME, "i");
        c.label("cond");
        c.name(Opcodes.LOAD_NAME, "i").smallInt(5).binary(Opcodes.BinaryOp.LESS).jump(Opcodes.POP_JUMP_IF_TRUE, "body");
        print(c, () -> c.name(Opcodes.LOAD_NAME, "s"), 1);
        assertEquals("10\n", TestRuns.run(asm.module(end(c))).out());
    }

    @Test
    void functionWithDefaultsAndKeywords() {
        // def f(a, b=10): return a + b ; print(f(1), f(1, b=2))
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code f = asm.code("f", "a", "b").defaults(1);
        f.op(Opcodes.LOAD_FAST_MULTI).op(Opcodes.LOAD_FAST_MULTI + 1).binary(ADD).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(f.build());
        c.smallInt(10).op(Opcodes.BUILD_TUPLE, 1).op(Opcodes.LOAD_NULL).op(Opcodes.MAKE_FUNCTION_DEFARGS, 0)
                .name(Opcodes.STORE_NAME, "f");
        print(c, () -> {
            c.name(Opcodes.LOAD_NAME, "f").smallInt(1).op(Opcodes.CALL_FUNCTION, 1);
            c.name(Opcodes.LOAD_NAME, "f").smallInt(1).name(Opcodes.LOAD_CONST_STRING, "b").smallInt(2)
                    .op(Opcodes.CALL_FUNCTION, 1 | (1 << 8));
        }, 2);
        assertEquals("11 3\n", TestRuns.run(asm.module(end(c))).out());
    }

    @Test
    void argumentErrorsUseMicroPythonMessages() {
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code f = asm.code("f", "a");
        f.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(f.build());
        c.line(1).op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "f");
        c.line(2).name(Opcodes.LOAD_NAME, "f").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.POP_TOP);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("Traceback (most recent call last):\n  File \"prog.py\", line 2, in <module>\n"
                + "TypeError: f() takes 1 positional arguments but 0 were given\n", o.err());
        assertEquals(1, o.result().exitCode());
    }

    @Test
    void tracebackListsEveryFrameWithLines() {
        // def f(): return 1 // 0   (line 2) ; f() (line 3)
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code f = asm.code("f");
        f.line(2).smallInt(1).smallInt(0).binary(Opcodes.BinaryOp.FLOOR_DIVIDE).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(f.build());
        c.line(1).op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "f");
        c.line(3).name(Opcodes.LOAD_NAME, "f").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.POP_TOP);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("Traceback (most recent call last):\n"
                + "  File \"prog.py\", line 3, in <module>\n"
                + "  File \"prog.py\", line 2, in f\n"
                + "ZeroDivisionError: divide by zero\n", o.err());
    }

    @Test
    void exceptHandlerCatchesAndFinallyRunsOnReturn() {
        // def g():
        //     try: return 1
        //     finally: print('fin')
        // try: x
        // except NameError: print('caught')
        // print(g())
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code g = asm.code("g").state(6, 1);
        g.jump(Opcodes.SETUP_FINALLY, "fin");
        g.smallInt(1).op(Opcodes.RETURN_VALUE);
        g.op(Opcodes.LOAD_CONST_NONE);
        g.label("fin");
        g.name(Opcodes.LOAD_GLOBAL, "print").name(Opcodes.LOAD_CONST_STRING, "fin").op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP);
        g.op(Opcodes.END_FINALLY);
        g.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").state(8, 1).child(g.build());
        c.op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "g");
        c.jump(Opcodes.SETUP_EXCEPT, "handler");
        c.name(Opcodes.LOAD_NAME, "x").op(Opcodes.POP_TOP);
        c.jump(Opcodes.POP_EXCEPT_JUMP, "after");
        c.label("handler");
        c.op(Opcodes.DUP_TOP).name(Opcodes.LOAD_NAME, "NameError").binary(Opcodes.BinaryOp.EXCEPTION_MATCH)
                .jump(Opcodes.POP_JUMP_IF_FALSE, "reraise");
        c.op(Opcodes.POP_TOP);
        print(c, () -> c.name(Opcodes.LOAD_CONST_STRING, "caught"), 1);
        c.jump(Opcodes.POP_EXCEPT_JUMP, "after");
        c.label("reraise");
        c.op(Opcodes.END_FINALLY);
        c.label("after");
        print(c, () -> c.name(Opcodes.LOAD_NAME, "g").op(Opcodes.CALL_FUNCTION, 0), 1);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("caught\nfin\n1\n", o.out());
        assertEquals("", o.err());
    }

    @Test
    void breakRunsTheFinallyBlockBeforeLeavingTheLoop() {
        // for i in range(3):
        //     try:
        //         if i == 1: break
        //     finally:
        //         print('f', i)
        // print('done')
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(6, 1);
        c.smallInt(0).jump(Opcodes.JUMP, "cond");
        c.label("body").op(Opcodes.DUP_TOP).name(Opcodes.STORE_NAME, "i");
        c.jump(Opcodes.SETUP_FINALLY, "fin");
        c.name(Opcodes.LOAD_NAME, "i").smallInt(1).binary(Opcodes.BinaryOp.EQUAL).jump(Opcodes.POP_JUMP_IF_FALSE, "stay");
        c.unwindJump("exit", 1);
        c.label("stay").op(Opcodes.LOAD_CONST_NONE);
        c.label("fin");
        print(c, () -> c.name(Opcodes.LOAD_CONST_STRING, "f").name(Opcodes.LOAD_NAME, "i"), 2);
        c.op(Opcodes.END_FINALLY);
        c.smallInt(1).binary(Opcodes.BinaryOp.INPLACE_ADD);
        c.label("cond").op(Opcodes.DUP_TOP).smallInt(3).binary(Opcodes.BinaryOp.LESS).jump(Opcodes.POP_JUMP_IF_TRUE, "body");
        c.label("exit").op(Opcodes.POP_TOP);
        print(c, () -> c.name(Opcodes.LOAD_CONST_STRING, "done"), 1);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("f 0\nf 1\ndone\n", o.out(), o.err());
    }

    @Test
    void classWithContextManagerSwallowsTheException() {
        // class C:
        //     def __enter__(self): return 1
        //     def __exit__(self, a, b, c): print('exit', a); return True
        // with C() as v:
        //     print('in', v); raise ValueError
        // print('after')
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code enter = asm.code("__enter__", "self").state(2, 0);
        enter.smallInt(1).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code exit = asm.code("__exit__", "self", "a", "b", "c").state(7, 0);
        exit.name(Opcodes.LOAD_GLOBAL, "print").name(Opcodes.LOAD_CONST_STRING, "exit").op(Opcodes.LOAD_FAST_MULTI + 1)
                .op(Opcodes.CALL_FUNCTION, 2).op(Opcodes.POP_TOP).op(Opcodes.LOAD_CONST_TRUE).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code body = asm.code("C").state(2, 0).child(enter.build()).child(exit.build());
        body.name(Opcodes.LOAD_NAME, "__name__").name(Opcodes.STORE_NAME, "__module__");
        body.name(Opcodes.LOAD_CONST_STRING, "C").name(Opcodes.STORE_NAME, "__qualname__");
        body.op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "__enter__");
        body.op(Opcodes.MAKE_FUNCTION, 1).name(Opcodes.STORE_NAME, "__exit__");
        body.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").state(5, 1).child(body.build());
        c.op(Opcodes.LOAD_BUILD_CLASS).op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.LOAD_CONST_STRING, "C")
                .op(Opcodes.CALL_FUNCTION, 2).name(Opcodes.STORE_NAME, "C");
        c.name(Opcodes.LOAD_NAME, "C").op(Opcodes.CALL_FUNCTION, 0).jump(Opcodes.SETUP_WITH, "cleanup");
        c.name(Opcodes.STORE_NAME, "v");
        print(c, () -> c.name(Opcodes.LOAD_CONST_STRING, "in").name(Opcodes.LOAD_NAME, "v"), 2);
        c.name(Opcodes.LOAD_NAME, "ValueError").op(Opcodes.RAISE_OBJ);
        c.label("cleanup").op(Opcodes.WITH_CLEANUP).op(Opcodes.END_FINALLY);
        print(c, () -> c.name(Opcodes.LOAD_CONST_STRING, "after"), 1);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals("in 1\nexit <class 'ValueError'>\nafter\n", o.out(), o.err());
    }

    @Test
    void generatorYieldsAndClosureSharesCell() {
        // def gen(): yield 1; yield 2      print(list(gen()))
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code gen = asm.code("gen").flags(Opcodes.SCOPE_FLAG_GENERATOR);
        gen.smallInt(1).op(Opcodes.YIELD_VALUE).op(Opcodes.POP_TOP).smallInt(2).op(Opcodes.YIELD_VALUE).op(Opcodes.POP_TOP);
        gen.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        // def outer(): n = 5; def inner(): return n; return inner
        BytecodeAssembler.Code inner = asm.code("inner", "*");
        inner.op(Opcodes.LOAD_DEREF, 0).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code outer = asm.code("outer").cell(0).child(inner.build());
        outer.smallInt(5).op(Opcodes.STORE_DEREF, 0).op(Opcodes.LOAD_FAST_MULTI).opByte(Opcodes.MAKE_CLOSURE, 0, 1)
                .op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(gen.build()).child(outer.build());
        print(c, () -> c.name(Opcodes.LOAD_NAME, "list").op(Opcodes.MAKE_FUNCTION, 0).op(Opcodes.CALL_FUNCTION, 0)
                .op(Opcodes.CALL_FUNCTION, 1), 1);
        print(c, () -> c.op(Opcodes.MAKE_FUNCTION, 1).op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.CALL_FUNCTION, 0), 1);
        assertEquals("[1, 2]\n5\n", TestRuns.run(asm.module(end(c))).out());
    }

    @Test
    void systemExitSetsTheExitCode() {
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.name(Opcodes.LOAD_NAME, "SystemExit").smallInt(3).op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.RAISE_OBJ);
        TestRuns.Outcome o = TestRuns.run(asm.module(c.build()));
        assertEquals(RunResult.systemExit(3), o.result());
        assertEquals("", o.err());
    }

    @Test
    void deepRecursionRaisesRuntimeError() {
        // def r(): return r()   r()
        BytecodeAssembler asm = new BytecodeAssembler("prog.py");
        BytecodeAssembler.Code r = asm.code("r");
        r.name(Opcodes.LOAD_GLOBAL, "r").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(r.build());
        c.op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "r");
        c.name(Opcodes.LOAD_NAME, "r").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.POP_TOP);
        TestRuns.Outcome o = TestRuns.run(asm.module(end(c)));
        assertEquals(true, o.err().endsWith("RuntimeError: maximum recursion depth exceeded\n"), o.err());
    }
}
