package dev.mica.cli.cross;

import dev.mica.code.CompileOptions;
import dev.mica.code.JvmNativeCode;

import java.util.List;
import java.util.Set;

/**
 * The options of {@code mpy-cross} v1.24.1, parsed:
 * {@code [<opts>] [-X <implopt>] [--] <input filename>}.
 *
 * @param action what to do
 * @param inputFile the file to compile, {@code -} for standard input; null unless compiling
 * @param outputFile from {@code -o}: null for the default name, {@code -} for standard output
 * @param sourceName from {@code -s}: the name tracebacks show; null for the input's name
 * @param verbose how many {@code -v}
 * @param optimizationLevel from {@code -O[N]}, as given (0..15)
 * @param smallIntBits from {@code -msmall-int-bits=N}
 * @param arch from {@code -march=}: null when none was asked for (Mica's JVM code is emitted)
 * @param emitter the default emitter from {@code -X emit=}
 */
record CrossOptions(
        Action action,
        String inputFile,
        String outputFile,
        String sourceName,
        int verbose,
        int optimizationLevel,
        int smallIntBits,
        String arch,
        String emitter) {

    enum Action { COMPILE, VERSION }

    /** True when native functions become Mica's JVM code: no -march, or one naming Mica or the host. */
    boolean emitsJvmCode() {
        return arch == null || arch.equals(JvmNativeCode.ARCH_NAME) || arch.equals("host");
    }

    /** The small-int width mpy-cross assumes when no option sets it. */
    static final int DEFAULT_SMALL_INT_BITS = CompileOptions.DEFAULT_SMALL_INT_BITS;

    /**
     * The architectures {@code -march=} names: Mica's own, then those of mpy-cross v1.24.1
     * ("host" picks the machine this compiler serves, which is Mica's).
     */
    static final List<String> ARCHITECTURES = List.of(JvmNativeCode.ARCH_NAME, "x86", "x64", "armv6", "armv6m",
            "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc", "debug", "host");

    private static final Set<String> EMITTERS = Set.of("bytecode", "native", "viper");
    private static final String SMALL_INT_BITS_OPTION = "-msmall-int-bits=";
    private static final String ARCH_OPTION = "-march=";

    /** Arguments mpy-cross answers with its usage text and exit status 1. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String detail) {
            super(detail, null, false, false);
        }
    }

    /** Arguments mpy-cross rejects with a one-line message on stderr and exit status 1. */
    static final class FatalError extends Exception {
        private static final long serialVersionUID = 1L;

        FatalError(String message) {
            super(message, null, false, false);
        }
    }

    static CrossOptions parse(String[] args) throws UsageError, FatalError {
        // -X options are read first, on their own, as mpy-cross does before it starts its runtime
        String emitter = "bytecode";
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("-X")) {
                if (a + 1 >= args.length) {
                    throw new UsageError("-X needs a value");
                }
                String value = args[++a];
                if (value.startsWith("emit=") && EMITTERS.contains(value.substring("emit=".length()))) {
                    emitter = value.substring("emit=".length());
                } else if (!value.startsWith("heapsize=")) {
                    // heapsize= is accepted and has no use: the JVM manages the heap
                    throw new UsageError("unknown -X option " + value);
                }
            }
        }

        String input = null;
        String output = null;
        String sourceName = null;
        int verbose = 0;
        int level = 0;
        int smallIntBits = DEFAULT_SMALL_INT_BITS;
        String arch = null;
        boolean options = true;
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (options && arg.length() > 1 && arg.charAt(0) == '-') {
                if (arg.equals("-X")) {
                    a++;
                } else if (arg.equals("--version")) {
                    return new CrossOptions(Action.VERSION, null, null, null, verbose, level, smallIntBits, arch,
                            emitter);
                } else if (arg.equals("-v")) {
                    verbose++;
                } else if (arg.startsWith("-O")) {
                    level = optimizationLevel(arg);
                } else if (arg.equals("-o") || arg.equals("-s")) {
                    if (a + 1 >= args.length) {
                        throw new UsageError(arg + " needs a value");
                    }
                    String value = args[++a];
                    if (arg.equals("-o")) {
                        output = value;
                    } else {
                        sourceName = value.replace('\\', '/');
                    }
                } else if (arg.startsWith(SMALL_INT_BITS_OPTION)) {
                    smallIntBits = parseCInteger(arg.substring(SMALL_INT_BITS_OPTION.length()));
                } else if (arg.startsWith(ARCH_OPTION)) {
                    arch = arg.substring(ARCH_OPTION.length());
                    if (!ARCHITECTURES.contains(arch)) {
                        throw new UsageError("unknown architecture " + arch);
                    }
                } else if (arg.equals("--")) {
                    options = false;
                } else {
                    throw new UsageError("unknown option " + arg);
                }
            } else {
                if (input != null) {
                    throw new FatalError("multiple input files");
                }
                input = arg.replace('\\', '/');
            }
        }
        if (input == null) {
            throw new FatalError("no input file");
        }
        return new CrossOptions(Action.COMPILE, input, output, sourceName, verbose, level, smallIntBits, arch,
                emitter);
    }

    /** {@code -ON} sets level N (one digit); otherwise the level is the count of O's ({@code -OO} is 2). */
    private static int optimizationLevel(String arg) {
        if (arg.length() > 2 && Character.isDigit(arg.charAt(2)) && arg.charAt(2) < 128) {
            return arg.charAt(2) - '0';
        }
        int level = 0;
        for (int i = 1; i < arg.length() && arg.charAt(i) == 'O'; i++) {
            level++;
        }
        return level;
    }

    /**
     * An integer as C's {@code strtol(s, &end, 0)} reads it, where nothing may follow: decimal,
     * {@code 0x} hex or {@code 0} octal, after optional blanks and a sign. An empty text is 0.
     */
    static int parseCInteger(String text) throws UsageError {
        int i = 0;
        while (i < text.length() && " \t\n\r\f\u000b".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            if (i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (text.startsWith("0", i)) {
            radix = 8;
        }
        int digitsStart = i;
        long value = 0;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 128) {
            value = Math.min(value * radix + Character.digit(text.charAt(i), radix), Integer.MAX_VALUE + 1L);
            i++;
        }
        if (i == digitsStart) {
            // no number at all: strtol consumed nothing, so only an empty text passes
            if (text.isEmpty()) {
                return 0;
            }
            throw new UsageError("not a number: " + text);
        }
        if (i != text.length()) {
            throw new UsageError("not a number: " + text);
        }
        long signed = negative ? -value : value;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, signed));
    }
}
