package dev.mica.cli.cross;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mica.code.CompiledModule;
import dev.mica.code.Constant;
import dev.mica.code.EmitHints;
import dev.mica.code.EmitMode;
import dev.mica.code.JvmNativeCode;
import dev.mica.code.MpyReader;
import dev.mica.code.RawCode;
import dev.mica.compiler.mpy.MpyWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossMainTest {
    private static final String PROGRAM = "def area(r):\n    return 3.5 * r * r\n\nprint(area(2), 'cm', b'x', 1 << 40)\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return CrossMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void writesAnMpyNextToTheSource() throws Exception {
        Path source = write("area.py", PROGRAM);
        assertEquals(0, run("", source.toString()), err());
        byte[] mpy = Files.readAllBytes(dir.resolve("area.mpy"));
        assertEquals('M', mpy[0]);
        assertEquals(6, mpy[1]); // .mpy version
        assertEquals(0, mpy[2]); // feature flags: bytecode only
        assertEquals(31, mpy[3]); // small-int bits
        assertEquals("", err());
    }

    @Test
    void theFileReadsBackAsTheCompiledModule() throws Exception {
        Path source = write("area.py", PROGRAM);
        Path out = dir.resolve("custom.bin");
        assertEquals(0, run("", "-s", "lib/area.py", "-o", out.toString(), source.toString()), err());
        byte[] mpy = Files.readAllBytes(out);
        CompiledModule module = MpyReader.read(mpy);
        assertEquals("lib/area.py", module.sourceFile());
        assertEquals("lib/area.py", module.qstrs().get(0));
        assertTrue(module.qstrs().contains("area"));
        assertTrue(module.constants().contains(new Constant.Float(3.5)));
        assertTrue(module.qstrs().contains("cm"), "short strings travel as qstrs");
        assertEquals(1, module.root().children().size());
        assertArrayEquals(mpy, MpyWriter.write(module), "reading and writing again changes nothing");
        assertSameCode(module.root(), MpyReader.read(MpyWriter.write(module)).root());
    }

    private static void assertSameCode(RawCode expected, RawCode actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.generator(), actual.generator());
        assertArrayEquals(expected.functionData(), actual.functionData());
        List<RawCode> a = actual.children();
        assertEquals(expected.children().size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertSameCode(expected.children().get(i), a.get(i));
        }
    }

    @Test
    void standardInputGoesToStandardOutput() throws Exception {
        assertEquals(0, run("x = 1\n", "-"), err());
        byte[] mpy = stdout.toByteArray();
        assertEquals("<stdin>", MpyReader.read(mpy).sourceFile());
        assertEquals('M', mpy[0]);
    }

    @Test
    void dashAsOutputMeansStandardOutput() throws Exception {
        Path source = write("a.py", "y = 2\n");
        assertEquals(0, run("", "-o", "-", source.toString()), err());
        assertEquals(source.toString(), MpyReader.read(stdout.toByteArray()).sourceFile());
        assertFalse(Files.exists(dir.resolve("a.mpy")));
    }

    @Test
    void optimisationDropsAssertions() throws Exception {
        Path source = write("a.py", "assert x\n");
        assertEquals(0, run("", "-o", "-", source.toString()), err());
        int plain = stdout.size();
        stdout.reset();
        assertEquals(0, run("", "-O9", "-o", "-", source.toString()), err());
        assertTrue(stdout.size() < plain, "the assertion's code is gone");
    }

    @Test
    void syntaxErrorIsATraceback() throws Exception {
        Path source = write("bad.py", "x = (\n");
        assertEquals(1, run("", "-s", "bad.py", source.toString()));
        assertEquals("Traceback (most recent call last):\n  File \"bad.py\", line 2\nSyntaxError: invalid syntax\n",
                err());
        assertFalse(Files.exists(dir.resolve("bad.mpy")));
    }

    @Test
    void compileErrorNamesItsFunction() throws Exception {
        Path source = write("f.py", "x = 1\ndef f():\n    y = 2\n    nonlocal z\n");
        assertEquals(1, run("", "-s", "f.py", source.toString()));
        assertEquals("Traceback (most recent call last):\n  File \"f.py\", line 4, in f\n"
                + "SyntaxError: no binding for nonlocal found\n", err());
    }

    @Test
    void nativeCodeBecomesJvmCodeByDefault() throws Exception {
        Path source = write("n.py", "@micropython.viper\ndef f(x: int, b: ptr8) -> uint:\n    return x\n"
                + "@micropython.native\ndef g():\n    return 1\n");
        assertEquals(0, run("", "-s", "n.py", "-o", "-", source.toString()), err());
        byte[] mpy = stdout.toByteArray();
        assertEquals((byte) ((JvmNativeCode.ARCH << 2) | MpyWriter.SUB_VERSION), mpy[2]);
        CompiledModule m = MpyReader.read(mpy);
        EmitHints viper = m.root().children().get(0).emitHints();
        assertEquals(EmitMode.VIPER, viper.mode());
        assertEquals(List.of("int", "ptr8"), viper.argTypes());
        assertEquals("uint", viper.returnType());
        assertEquals(EmitMode.NATIVE, m.root().children().get(1).emitHints().mode());
        assertEquals(EmitMode.BYTECODE, m.root().emitHints().mode());
    }

    @Test
    void jvmAndHostNameTheSameTarget() throws Exception {
        Path source = write("n.py", "@micropython.native\ndef f():\n    return 1\n");
        assertEquals(0, run("", "-o", "-", source.toString()), err());
        byte[] plain = stdout.toByteArray();
        for (String arch : List.of("-march=jvm", "-march=host")) {
            stdout.reset();
            assertEquals(0, run("", arch, "-o", "-", source.toString()), err());
            assertArrayEquals(plain, stdout.toByteArray(), arch);
        }
    }

    @Test
    void nativeCodeForAnotherArchitectureReportsTheDecoratorLine() throws Exception {
        Path source = write("g.py", "def g():\n    @micropython.viper\n    def f():\n        pass\n    return f\n");
        assertEquals(1, run("", "-march=x64", "-s", "g.py", source.toString()));
        assertTrue(err().startsWith("mica-cross: g.py, line 2: @micropython.viper needs native code for x64"), err());
    }

    @Test
    void nativeCodeForAnArchitectureIsRefused() throws Exception {
        // the only statement of the class body: the line reported is the class's
        Path source = write("n.py", "class C:\n    @micropython.viper\n    def f(self):\n        pass\n");
        assertEquals(1, run("", "-march=armv7m", "-s", "n.py", source.toString()));
        assertTrue(err().startsWith("mica-cross: n.py, line 1: @micropython.viper needs native code for armv7m"), err());
    }

    @Test
    void architectureAloneChangesNothing() throws Exception {
        Path source = write("a.py", PROGRAM);
        assertEquals(0, run("", "-o", "-", source.toString()));
        byte[] plain = stdout.toByteArray();
        stdout.reset();
        assertEquals(0, run("", "-march=x64", "-o", "-", source.toString()), err());
        assertArrayEquals(plain, stdout.toByteArray());
    }

    @Test
    void nativeEmitterCompilesEveryFunction() throws Exception {
        Path source = write("a.py", "def f():\n    return 1\nclass C:\n    def m(self):\n        pass\n");
        assertEquals(0, run("", "-X", "emit=native", "-o", "-", source.toString()), err());
        CompiledModule m = MpyReader.read(stdout.toByteArray());
        assertEquals(EmitMode.NATIVE, m.root().children().get(0).emitHints().mode());
        assertEquals(1, run("", "-X", "emit=native", "-march=x64", source.toString()));
        assertTrue(err().contains("emit=native needs native code for x64"), err());
    }

    @Test
    void wideSmallIntsAreEncodedInTheBytecode() throws Exception {
        Path source = write("a.py", "x = 1 << 40\n");
        Path narrow = dir.resolve("narrow.mpy");
        Path wide = dir.resolve("wide.mpy");
        assertEquals(0, run("", "-o", narrow.toString(), source.toString()), err());
        assertEquals(0, run("", "-msmall-int-bits=63", "-o", wide.toString(), source.toString()), err());
        CompiledModule narrowModule = MpyReader.read(Files.readAllBytes(narrow));
        CompiledModule wideModule = MpyReader.read(Files.readAllBytes(wide));
        assertEquals(63, Files.readAllBytes(wide)[3]);
        assertTrue(narrowModule.constants().contains(new Constant.Int(java.math.BigInteger.ONE.shiftLeft(40))),
                "a 41-bit value is a constant object for 31-bit small ints");
        assertTrue(wideModule.constants().isEmpty(), "and a small int for 63-bit ones");
    }

    @Test
    void starArgumentsNeedRoomInASmallInt() throws Exception {
        Path source = write("a.py", "f(1, 2, 3, *x)\n");
        assertEquals(0, run("", "-msmall-int-bits=5", source.toString()), err());
        assertEquals(1, run("", "-msmall-int-bits=4", source.toString()));
        assertTrue(err().contains("SyntaxError: too many args"), err());
    }

    @Test
    void impossibleSmallIntWidthsAreRefused() throws Exception {
        Path source = write("a.py", "x = 1\n");
        assertEquals(1, run("", "-msmall-int-bits=64", source.toString()));
        assertTrue(err().contains("-msmall-int-bits=64 is out of range"), err());
    }

    @Test
    void missingInputIsAnOSError() {
        assertEquals(1, run("", dir.resolve("none.py").toString()));
        assertEquals("OSError: (2, \"can't open " + dir.resolve("none.py") + "\")\n", err());
    }

    @Test
    void usageGoesToStandardOutputWithStatusOne() {
        assertEquals(1, run("", "-h"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("usage: mica-cross [<opts>]"));
    }

    @Test
    void versionNamesTheMpyVersion() {
        assertEquals(0, run("", "--version"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).trim().endsWith("mpy-cross emitting mpy v6.3"));
    }

    @Test
    void defaultOutputReplacesTheLastTwoCharacters() {
        assertEquals("dir/prog.mpy", CrossMain.defaultOutputName("dir/prog.py"));
        assertEquals("notempy", CrossMain.defaultOutputName("noteext".substring(0, 4) + "xt"));
        assertEquals("mpy", CrossMain.defaultOutputName("a"));
    }
}
