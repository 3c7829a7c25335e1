package dev.mica.compiler.frozen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.InputKind;
import dev.mica.compiler.BytecodeCompiler;
import dev.mica.compiler.mpy.MpyWriter;

/**
 * Compiles a bundle's frozen modules at build time: every {@code .py} file below a source folder
 * becomes a {@code .mpy} v6 file at the same place below an output folder (the bundle's frozen
 * folder, named by its {@code Mica-Frozen} header). A module is compiled under its path below
 * the source folder ({@code pkg/mod.py}), the name MicroPython gives frozen modules and the one
 * their tracebacks show. The output folder is emptied first, so a removed source leaves no
 * stale module behind.
 *
 * <p>As a command ({@code FrozenCompiler SOURCE-FOLDER OUTPUT-FOLDER}, run by the build) it
 * reports each source that does not compile as {@code file:line: Type: message} and exits with
 * status 1.
 */
public final class FrozenCompiler {
    /** A source that does not compile. */
    public record Problem(Path source, int line, String type, String message) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + type + ": " + message;
        }
    }

    private final CompileOptions options;

    public FrozenCompiler(CompileOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and gives its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: FrozenCompiler SOURCE-FOLDER OUTPUT-FOLDER");
            return 2;
        }
        Path source = Path.of(args[0]);
        Path output = Path.of(args[1]);
        if (!Files.isDirectory(source)) {
            err.println("frozen modules: no folder " + source);
            return 1;
        }
        try {
            List<Problem> problems = new ArrayList<>();
            int count = new FrozenCompiler(CompileOptions.DEFAULT).compileTree(source, output, problems);
            for (Problem p : problems) {
                err.println(p);
            }
            if (!problems.isEmpty()) {
                err.println("frozen modules: " + problems.size() + " of " + count + " sources did not compile");
                return 1;
            }
            out.println("frozen modules: " + count + " compiled from " + source + " to " + output);
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("frozen modules: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Compiles every {@code .py} below {@code sourceRoot} into {@code outputRoot}, which is
     * emptied first. Sources that do not compile are added to {@code problems} and written
     * nowhere. Gives the number of sources seen.
     */
    public int compileTree(Path sourceRoot, Path outputRoot, List<Problem> problems) throws IOException {
        deleteTree(outputRoot);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            sources = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".py"))
                    .sorted()
                    .toList();
        }
        for (Path source : sources) {
            String name = sourceRoot.relativize(source).toString().replace('\\', '/');
            try {
                byte[] mpy = compile(Files.readString(source, StandardCharsets.UTF_8), name);
                Path target = outputRoot.resolve(name.substring(0, name.length() - ".py".length()) + ".mpy");
                Files.createDirectories(target.getParent());
                Files.write(target, mpy);
            } catch (CompileError e) {
                problems.add(new Problem(source, e.line(), e.pythonType(), e.getMessage()));
            } catch (java.nio.charset.CharacterCodingException e) {
                problems.add(new Problem(source, 1, "UnicodeError", "the source is not UTF-8"));
            }
        }
        return sources.size();
    }

    /** The {@code .mpy} file of one module, compiled under {@code name} (its path below the source folder). */
    public byte[] compile(String source, String name) throws CompileError {
        CompiledModule module = new BytecodeCompiler().compile(source, name, InputKind.FILE, options);
        return MpyWriter.write(module);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
