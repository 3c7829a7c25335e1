package dev.mica.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.code.Constant;
import dev.mica.code.EmitMode;
import dev.mica.code.InputKind;
import dev.mica.code.RawCode;
import java.math.BigInteger;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BytecodeCompilerTest {
    private final BytecodeCompiler compiler = new BytecodeCompiler();

    private CompiledModule compile(String src) throws CompileError {
        return compiler.compile(src, "t.py", InputKind.FILE, CompileOptions.DEFAULT);
    }

    private List<String> code(String src) throws CompileError {
        CompiledModule m = compile(src);
        return Disassembler.instructions(m, m.root());
    }

    @Test
    void callOfBuiltinWithString() throws CompileError {
        CompiledModule m = compile("print('hi')\n");
        assertEquals(List.of("LOAD_NAME print", "LOAD_CONST_STRING hi", "CALL_FUNCTION 1", "POP_TOP",
                "LOAD_CONST_NONE", "RETURN_VALUE"), Disassembler.instructions(m, m.root()));
        // file name first, then names in the order the scope pass and later passes meet them
        assertEquals(List.of("t.py", "<module>", "hi", "print"), m.qstrs());
    }

    @Test
    void functionWithDefaultArgument() throws CompileError {
        CompiledModule m = compile("def f(a, b=2):\n    return a + b\nx = f(1)\n");
        assertEquals(List.of("LOAD_CONST_SMALL_INT 2", "BUILD_TUPLE 1", "LOAD_NULL", "MAKE_FUNCTION_DEFARGS 0",
                "STORE_NAME f", "LOAD_NAME f", "LOAD_CONST_SMALL_INT 1", "CALL_FUNCTION 1", "STORE_NAME x",
                "LOAD_CONST_NONE", "RETURN_VALUE"), Disassembler.instructions(m, m.root()));
        RawCode f = m.root().children().get(0);
        Disassembler.Prelude p = Disassembler.prelude(m, f);
        assertEquals("f", p.simpleName());
        assertEquals(List.of("a", "b"), p.argNames());
        assertEquals(2, p.nPosArgs());
        assertEquals(1, p.nDefPosArgs());
        assertEquals(4, p.nState());
        assertEquals(List.of("LOAD_FAST 0", "LOAD_FAST 1", "BINARY_OP 27", "RETURN_VALUE"),
                Disassembler.instructions(m, f));
    }

    @Test
    void integerArithmeticIsFoldedButFloatsAreNot() throws CompileError {
        assertEquals("LOAD_CONST_SMALL_INT 14", code("x = 2 + 3 * 4\n").get(0));
        assertEquals("LOAD_CONST_SMALL_INT -8", code("x = -(2 ** 3)\n").get(0));
        List<String> f = code("x = 1.5 * 2\n");
        assertEquals(List.of("LOAD_CONST_OBJ 0", "LOAD_CONST_SMALL_INT 2", "BINARY_OP 29", "STORE_NAME x"),
                f.subList(0, 4));
        // division by zero is left for run time
        assertEquals(List.of("LOAD_CONST_SMALL_INT 1", "LOAD_CONST_SMALL_INT 0", "BINARY_OP 31"),
                code("x = 1 // 0\n").subList(0, 3));
    }

    @Test
    void bigIntegersBecomeConstants() throws CompileError {
        CompiledModule m = compile("x = 1 << 40\n");
        assertEquals(List.of(new Constant.Int(BigInteger.ONE.shiftLeft(40))), m.constants());
    }

    @Test
    void wideSmallIntTargetsKeepBigIntegersInTheBytecode() throws CompileError {
        CompiledModule m = compiler.compile("x = 1 << 40\n", "t.py", InputKind.FILE,
                new CompileOptions(0, EmitMode.BYTECODE, 63));
        assertTrue(m.constants().isEmpty());
    }

    @Test
    void negatingABigIntegerKeepsAnObjectEvenWhenTheResultIsSmall() throws CompileError {
        BigInteger minSmall = BigInteger.ONE.shiftLeft(62).negate();
        CompiledModule m = compiler.compile("x = -0x4000000000000000\ny = -0x4000000000000000 + 0\n", "t.py",
                InputKind.FILE, new CompileOptions(0, EmitMode.BYTECODE, 63));
        assertEquals(List.of(new Constant.Int(minSmall)), m.constants(), "only the negation stays an object");
    }

    @Test
    void constNamesAreReplacedByTheirValue() throws CompileError {
        List<String> c = code("from micropython import const\nA = const(5)\n_B = const(7)\nprint(A + _B)\n");
        assertTrue(c.contains("LOAD_CONST_SMALL_INT 12"), c.toString());
        assertFalse(c.contains("STORE_NAME _B"), c.toString());
        assertTrue(c.contains("STORE_NAME A"), c.toString());
    }

    @Test
    void forOverRangeUsesACounter() throws CompileError {
        List<String> c = code("for i in range(3):\n    pass\n");
        assertFalse(c.contains("GET_ITER_STACK"), c.toString());
        assertTrue(c.contains("BINARY_OP 14"), c.toString());
        List<String> general = code("for i in [1, 2]:\n    pass\n");
        assertTrue(general.contains("GET_ITER_STACK"), general.toString());
    }

    @Test
    void closuresUseCells() throws CompileError {
        CompiledModule m = compile("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
        RawCode f = m.root().children().get(0);
        assertEquals(1, Disassembler.prelude(m, f).nCell());
        List<String> fc = Disassembler.instructions(m, f);
        assertTrue(fc.contains("MAKE_CLOSURE 0 1"), fc.toString());
        RawCode g = f.children().get(0);
        assertEquals(List.of("LOAD_DEREF 0", "RETURN_VALUE"), Disassembler.instructions(m, g));
    }

    @Test
    void generatorsAreFlagged() throws CompileError {
        CompiledModule m = compile("def gen():\n    yield 1\n");
        assertTrue(m.root().children().get(0).generator());
        assertFalse(m.root().generator());
    }

    @Test
    void fStringsBecomeFormatCalls() throws CompileError {
        List<String> c = code("x = 1\ny = f'a{x}b'\n");
        assertTrue(c.containsAll(List.of("LOAD_CONST_STRING a{}b", "LOAD_METHOD format", "LOAD_NAME x",
                "CALL_METHOD 1")), c.toString());
    }

    @Test
    void methodCallsUseLoadMethod() throws CompileError {
        assertEquals(List.of("LOAD_NAME a", "LOAD_METHOD b", "LOAD_CONST_SMALL_INT 1", "CALL_METHOD 1", "POP_TOP"),
                code("a.b(1)\n").subList(0, 5));
    }

    @Test
    void replPrintsExpressionStatements() throws CompileError {
        CompiledModule m = compiler.compile("1 + x\n", "<stdin>", InputKind.SINGLE, CompileOptions.DEFAULT);
        assertEquals(List.of("LOAD_NAME __repl_print__", "LOAD_CONST_SMALL_INT 1", "LOAD_NAME x", "BINARY_OP 27",
                "CALL_FUNCTION 1", "POP_TOP", "LOAD_CONST_NONE", "RETURN_VALUE"), Disassembler.instructions(m, m.root()));
    }

    @Test
    void evalReturnsTheExpression() throws CompileError {
        CompiledModule m = compiler.compile("a * 2", "<string>", InputKind.EVAL, CompileOptions.DEFAULT);
        assertEquals(List.of("LOAD_NAME a", "LOAD_CONST_SMALL_INT 2", "BINARY_OP 29", "RETURN_VALUE"),
                Disassembler.instructions(m, m.root()));
    }

    @Test
    void optimisationDropsAssertsAndDebug() throws CompileError {
        CompileOptions o1 = new CompileOptions(1, EmitMode.BYTECODE);
        CompiledModule m = compiler.compile("assert x\nprint(__debug__)\n", "t.py", InputKind.FILE, o1);
        List<String> c = Disassembler.instructions(m, m.root());
        assertFalse(c.contains("LOAD_GLOBAL AssertionError"), c.toString());
        assertTrue(c.contains("LOAD_CONST_FALSE"), c.toString());
        List<String> c0 = code("assert x\n");
        assertTrue(c0.contains("LOAD_GLOBAL AssertionError"), c0.toString());
    }

    @Test
    void tryExceptFinallyLayout() throws CompileError {
        CompiledModule m = compile("try:\n    f()\nexcept ValueError as e:\n    g(e)\nfinally:\n    h()\n");
        List<String> c = Disassembler.instructions(m, m.root());
        assertEquals("SETUP_FINALLY", c.get(0).split(" ")[0]);
        assertEquals("SETUP_EXCEPT", c.get(1).split(" ")[0]);
        assertTrue(c.contains("BINARY_OP 8"), c.toString());
        assertTrue(c.contains("DELETE_NAME e"), c.toString());
        // finally, except, and the implicit finally that deletes "e"
        assertEquals(3, Disassembler.prelude(m, m.root()).nExcStack());
    }

    @Test
    void classBodyStoresModuleAndQualname() throws CompileError {
        CompiledModule m = compile("class A(B):\n    x = 1\n");
        assertEquals(List.of("LOAD_BUILD_CLASS", "MAKE_FUNCTION 0", "LOAD_CONST_STRING A", "LOAD_NAME B",
                "CALL_FUNCTION 3", "STORE_NAME A"), Disassembler.instructions(m, m.root()).subList(0, 6));
        assertEquals(List.of("LOAD_NAME __name__", "STORE_NAME __module__", "LOAD_CONST_STRING A",
                "STORE_NAME __qualname__", "LOAD_CONST_SMALL_INT 1", "STORE_NAME x", "LOAD_CONST_NONE", "RETURN_VALUE"),
                Disassembler.instructions(m, m.root().children().get(0)));
    }

    @Test
    void longJumpsTakeTwoOffsetBytes() throws CompileError {
        StringBuilder src = new StringBuilder("if x:\n");
        for (int i = 0; i < 40; i++) {
            src.append("    y = a.b\n");
        }
        List<String> c = code(src.toString());
        assertEquals("POP_JUMP_IF_FALSE", c.get(1).split(" ")[0]);
        CompiledModule m = compile(src.toString());
        byte[] d = m.root().functionData();
        int start = Disassembler.prelude(m, m.root()).bytecodeStart();
        assertEquals(0x44, d[start + 2] & 0xff);
        assertEquals(0x80, d[start + 3] & 0x80); // two-byte offset
    }

    @Test
    void constantTuplesAreFolded() throws CompileError {
        CompiledModule m = compile("x = (1, 'a', None)\n");
        assertEquals(List.of(new Constant.Tuple(List.of(new Constant.Int(BigInteger.ONE), new Constant.Str("a"),
                Constant.Singleton.NONE))), m.constants());
    }

    private static CompileError error(String src) {
        return assertThrows(CompileError.class,
                () -> new BytecodeCompiler().compile(src, "t.py", InputKind.FILE, CompileOptions.DEFAULT));
    }

    @Test
    void syntaxErrorsCarryMessageAndLine() {
        CompileError e = error("x = 1\ny = (\n");
        assertEquals("SyntaxError", e.pythonType());
        assertEquals("invalid syntax", e.getMessage());
        CompileError e2 = error("a = 1\nb = = 2\n");
        assertEquals(2, e2.line());
        CompileError e3 = error("x = 1\nbreak\n");
        assertEquals("'break'/'continue' outside loop", e3.getMessage());
        assertEquals(2, e3.line());
        assertEquals("can't assign to expression", error("f() = 1\n").getMessage());
        assertEquals("'return' outside function", error("return 1\n").getMessage());
        assertEquals("not a constant", error("X = const(y)\n").getMessage());
    }

    @Test
    void namesTooLongForAQstrAndNameEscapesAreRefused() {
        String longName = "n".repeat(256);
        CompileError e = error("x = 1\n" + longName + " = 1\n");
        assertEquals("RuntimeError", e.pythonType());
        assertEquals("name too long", e.getMessage());
        assertEquals(2, e.line());
        assertEquals("name too long", error("f(" + longName + "=1)\n").getMessage());
        assertEquals("name too long", error("import " + "a".repeat(128) + "." + "b".repeat(128) + "\n").getMessage());
        assertDoesNotThrow(() -> new BytecodeCompiler().compile("n" + "a".repeat(254) + " = 1\n", "t.py",
                InputKind.FILE, CompileOptions.DEFAULT));
        CompileError n = error("s = '\\N{LATIN SMALL LETTER A}'\n");
        assertEquals("NotImplementedError", n.pythonType());
        assertEquals("unicode name escapes", n.getMessage());
    }

    @Test
    void indentationErrors() {
        CompileError e = error("if x:\n    a = 1\n  b = 2\n");
        assertEquals("IndentationError", e.pythonType());
        assertEquals("unindent doesn't match any outer indent level", e.getMessage());
        assertEquals(2, e.line()); // reported at the end of the line before, as MicroPython does
        CompileError e2 = error("a = 1\n    b = 2\n");
        assertEquals("IndentationError", e2.pythonType());
        assertEquals("unexpected indent", e2.getMessage());
        assertEquals(2, e2.line());
    }

    @Test
    void literalForms() throws CompileError {
        CompiledModule m = compile("a = 0x_ff if 0 else 0o17 + 0b101 + 1_000\nb = 2j\nc = b'\\x01' rb'\\d'\n"
                + "d = 'ab' \"cd\"\ne = 1e3\n");
        List<String> c = Disassembler.instructions(m, m.root());
        assertTrue(c.contains("LOAD_CONST_SMALL_INT 1020"), c.toString());
        assertTrue(c.contains("LOAD_CONST_STRING abcd"), c.toString());
        assertTrue(m.constants().contains(new Constant.Complex(0, 2)));
        assertTrue(m.constants().contains(new Constant.Bytes(new byte[] {1, '\\', 'd'})));
        assertTrue(m.constants().contains(new Constant.Float(1000.0)));
    }

    @Test
    void foundByServiceLoader() {
        Compiler c = ServiceLoader.load(Compiler.class).findFirst().orElseThrow();
        assertInstanceOf(BytecodeCompiler.class, c);
    }

    @Test
    void mpyFileHeader() throws CompileError {
        byte[] mpy = dev.mica.compiler.mpy.MpyWriter.write(compile("x = 1\n"));
        assertArrayEquals(new byte[] {'M', 6, 0, 31}, java.util.Arrays.copyOf(mpy, 4));
    }
}
