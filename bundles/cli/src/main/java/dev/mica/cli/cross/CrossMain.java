package dev.mica.cli.cross;

import dev.mica.cli.VersionInfo;
import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.EmitMode;
import dev.mica.code.InputKind;
import dev.mica.code.JvmNativeCode;
import dev.mica.compiler.BytecodeCompiler;
import dev.mica.compiler.mpy.MpyWriter;
import dev.mica.compiler.parse.Parser;
import dev.mica.compiler.parse.Stmt;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mica-cross}: MicroPython's {@code mpy-cross} v1.24.1 on the JVM. Compiles one file to a
 * {@code .mpy} v6 file, with mpy-cross's options, messages and exit statuses. Native and viper
 * functions become native code of Mica's JVM architecture ({@code -march=jvm}, the default,
 * since Mica is the host this compiler serves); machine code for MicroPython's architectures
 * cannot be emitted, and a request for it is refused with a message saying so.
 */
public final class CrossMain {
    static final String PROGRAM = "mica-cross";
    private static final String STDIN_NAME = "<stdin>";
    private static final int ERRNO_ENOENT = 2;
    private static final int ERRNO_EIO = 5;
    private static final int ERRNO_EACCES = 13;
    private static final int ERRNO_EISDIR = 21;

    private CrossMain() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command and returns the process exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CrossOptions options;
        try {
            options = CrossOptions.parse(args);
        } catch (CrossOptions.UsageError e) {
            out.print(CrossUsage.text(PROGRAM));
            return 1;
        } catch (CrossOptions.FatalError e) {
            err.println(e.getMessage());
            return 1;
        }
        if (options.action() == CrossOptions.Action.VERSION) {
            out.println(versionLine());
            return 0;
        }
        if (options.smallIntBits() < 2 || options.smallIntBits() > CompileOptions.MAX_SMALL_INT_BITS) {
            err.println(PROGRAM + ": -msmall-int-bits=" + options.smallIntBits() + " is out of range: a small int has"
                    + " 2 to " + CompileOptions.MAX_SMALL_INT_BITS + " bits");
            return 1;
        }
        return compileAndSave(options, in, out, err);
    }

    /** mpy-cross's line, with its "mpy-cross emitting mpy vX.Y" part, which tools read. */
    static String versionLine() {
        return "MicroPython v1.24.1 (Mica " + VersionInfo.micaVersion() + "); mpy-cross emitting mpy v"
                + MpyWriter.VERSION + "." + MpyWriter.SUB_VERSION;
    }

    private static int compileAndSave(CrossOptions options, InputStream in, PrintStream out, PrintStream err) {
        boolean fromStdin = options.inputFile().equals("-");
        byte[] sourceBytes;
        try {
            sourceBytes = fromStdin ? in.readAllBytes() : Files.readAllBytes(Path.of(options.inputFile()));
        } catch (NoSuchFileException | AccessDeniedException e) {
            err.println(openError(e, options.inputFile()));
            return 1;
        } catch (IOException e) {
            // opened but unreadable (a directory, say): mpy-cross names only the errno
            err.println("OSError: " + errno(e));
            return 1;
        }
        String source = new String(sourceBytes, StandardCharsets.UTF_8);
        String sourceName = options.sourceName() != null ? options.sourceName()
                : fromStdin ? STDIN_NAME : options.inputFile();

        int level = Math.min(options.optimizationLevel(), 3); // every level from 3 up acts as 3
        EmitMode emitMode = EmitMode.valueOf(options.emitter().toUpperCase(java.util.Locale.ROOT));
        if (!options.emitsJvmCode()) {
            String refusal = foreignArchRefusal(options, emitMode, source, sourceName, level);
            if (refusal != null) {
                err.println(refusal);
                return 1;
            }
        }
        CompiledModule module;
        try {
            module = new BytecodeCompiler().compile(source, sourceName, InputKind.FILE,
                    new CompileOptions(level, emitMode, options.smallIntBits()));
        } catch (CompileError e) {
            err.print(traceback(e.sourceFile(), e.line(), e.scopeName(), e.pythonType(), e.getMessage()));
            return 1;
        }

        byte[] mpy = MpyWriter.write(module, options.smallIntBits());
        String output = options.outputFile();
        if ((output != null && output.equals("-")) || (output == null && fromStdin)) {
            out.write(mpy, 0, mpy.length);
            out.flush();
            return 0;
        }
        if (output == null) {
            output = defaultOutputName(options.inputFile());
        }
        try (OutputStream file = Files.newOutputStream(Path.of(output))) {
            file.write(mpy);
        } catch (IOException e) {
            err.println(openError(e, output));
            return 1;
        }
        return 0;
    }

    /** The input name with its last two characters replaced by "mpy" (so x.py gives x.mpy). */
    static String defaultOutputName(String input) {
        return input.substring(0, Math.max(0, input.length() - 2)) + "mpy";
    }

    /** MicroPython's report of an uncaught exception raised while compiling. */
    static String traceback(String file, int line, String block, String type, String message) {
        return "Traceback (most recent call last):\n"
                + "  File \"" + file + "\", line " + line + (block == null ? "" : ", in " + block) + "\n"
                + type + ": " + message + "\n";
    }

    /**
     * Why a program cannot be compiled for one of MicroPython's machine architectures, or null
     * when it needs no native code (its .mpy is then plain bytecode, as mpy-cross writes it).
     */
    private static String foreignArchRefusal(CrossOptions options, EmitMode emitMode, String source,
            String sourceName, int level) {
        String cannot = ", which is not supported: " + PROGRAM + " emits native code for -march="
                + JvmNativeCode.ARCH_NAME + " only";
        if (emitMode != EmitMode.BYTECODE) {
            return PROGRAM + ": emit=" + options.emitter() + " needs native code for " + options.arch() + cannot;
        }
        return nativeDecorator(source, sourceName, level)
                .map(d -> PROGRAM + ": " + sourceName + ", line " + d.line() + ": @micropython." + d.kind()
                        + " needs native code for " + options.arch() + cannot)
                .orElse(null);
    }

    private static Optional<ProgramScopes.NativeDecorator> nativeDecorator(String source, String sourceName,
            int level) {
        if (!source.contains("micropython")) {
            return Optional.empty(); // no decorator can name it: spare a second parse
        }
        return parse(source, sourceName, level).flatMap(ProgramScopes::firstNativeDecorator);
    }

    private static Optional<List<Stmt>> parse(String source, String sourceName, int level) {
        try {
            return Optional.of(Parser.parseStatements(source, sourceName, false, level == 0));
        } catch (CompileError e) {
            return Optional.empty();
        }
    }

    private static String openError(IOException e, String name) {
        return "OSError: (" + errno(e) + ", \"can't open " + name + "\")";
    }

    private static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ERRNO_ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return ERRNO_EACCES;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null && reason.contains("directory")) {
            return ERRNO_EISDIR;
        }
        return ERRNO_EIO;
    }
}
