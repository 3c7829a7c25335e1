package dev.mica.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mica.code.EmitMode;

/**
 * The options of MicroPython's unix port {@code micropython} command, parsed:
 * {@code [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>] [args...]}.
 */
record CommandLine(
        Action action,
        String target,
        List<String> argv,
        boolean inspect,
        int verbose,
        int optimizationLevel,
        EmitMode emitMode,
        long heapSize,
        String board,
        int tierThreshold) {

    enum Action { HELP, VERSION, COMMAND, MODULE, FILE, STDIN_OR_REPL }

    /** Thrown for arguments the unix port would reject with "Invalid command line arguments". */
    static final class InvalidArguments extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidArguments(String detail) {
            super(detail, null, false, false);
        }
    }

    /** Smallest heap the unix port accepts. */
    static final long MINIMUM_HEAP = 700;

    static CommandLine parse(String[] args, long defaultHeapSize) throws InvalidArguments {
        return parse(args, defaultHeapSize, 0);
    }

    static CommandLine parse(String[] args, long defaultHeapSize, int defaultTierThreshold) throws InvalidArguments {
        boolean inspect = false;
        int verbose = 0;
        int optimizationLevel = 0;
        EmitMode emitMode = EmitMode.BYTECODE;
        long heapSize = defaultHeapSize;
        String board = null;
        int tierThreshold = defaultTierThreshold;
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (!arg.startsWith("-")) {
                // the script's own name becomes sys.argv[0]
                List<String> argv = List.of(args).subList(a, args.length);
                return new CommandLine(Action.FILE, arg, argv, inspect, verbose, optimizationLevel, emitMode, heapSize, board, tierThreshold);
            }
            switch (arg) {
                case "-h":
                    return simple(Action.HELP);
                case "--version":
                    return simple(Action.VERSION);
                case "-i":
                    inspect = true;
                    break;
                case "-v":
                    verbose++;
                    break;
                case "-c": {
                    if (a + 1 >= args.length) {
                        throw new InvalidArguments("-c needs a command");
                    }
                    // as CPython: "-c" is sys.argv[0], then what follows the command
                    List<String> argv = new ArrayList<>();
                    argv.add("-c");
                    argv.addAll(List.of(args).subList(a + 2, args.length));
                    return new CommandLine(Action.COMMAND, args[a + 1], argv, inspect, verbose, optimizationLevel,
                            emitMode, heapSize, board, tierThreshold);
                }
                case "-m": {
                    if (a + 1 >= args.length) {
                        throw new InvalidArguments("-m needs a module");
                    }
                    List<String> argv = List.of(args).subList(a + 1, args.length);
                    return new CommandLine(Action.MODULE, args[a + 1], argv, inspect, verbose, optimizationLevel,
                            emitMode, heapSize, board, tierThreshold);
                }
                case "-X": {
                    if (a + 1 >= args.length) {
                        throw new InvalidArguments("-X needs an option");
                    }
                    String option = args[++a];
                    if (option.startsWith("emit=")) {
                        emitMode = parseEmitMode(option.substring("emit=".length()));
                    } else if (option.startsWith("heapsize=")) {
                        heapSize = parseHeapSize(option.substring("heapsize=".length()));
                    } else if (option.startsWith("tier=")) {
                        tierThreshold = parseTierThreshold(option.substring("tier=".length()));
                    } else if (option.startsWith("board=") && option.length() > "board=".length()) {
                        board = option.substring("board=".length());
                    } else {
                        throw new InvalidArguments("unknown -X option " + option);
                    }
                    break;
                }
                default:
                    if (arg.startsWith("-O")) {
                        optimizationLevel = parseOptimizationLevel(arg);
                    } else {
                        throw new InvalidArguments("unknown option " + arg);
                    }
            }
        }
        return new CommandLine(Action.STDIN_OR_REPL, null, List.of(), inspect, verbose, optimizationLevel, emitMode,
                heapSize, board, tierThreshold);
    }

    private static CommandLine simple(Action action) {
        return new CommandLine(action, null, List.of(), false, 0, 0, EmitMode.BYTECODE, 0, null, 0);
    }

    private static EmitMode parseEmitMode(String name) throws InvalidArguments {
        switch (name) {
            case "bytecode":
                return EmitMode.BYTECODE;
            case "native":
                return EmitMode.NATIVE;
            case "viper":
                return EmitMode.VIPER;
            default:
                throw new InvalidArguments("unknown emitter " + name);
        }
    }

    /** Tiering's threshold: a count of calls and loop iterations, 0 (off) or more. */
    private static int parseTierThreshold(String text) throws InvalidArguments {
        if (text.equals("off")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new InvalidArguments("bad tier threshold " + text);
    }

    /** {@code -O3} sets level 3; {@code -OO} counts the letters, as the unix port. */
    private static int parseOptimizationLevel(String arg) throws InvalidArguments {
        if (arg.length() > 2 && Character.isDigit(arg.charAt(2))) {
            return Math.min(3, (arg.charAt(2) - '0') & 0xf);
        }
        int level = 0;
        for (int i = 1; i < arg.length(); i++) {
            if (arg.charAt(i) != 'O') {
                throw new InvalidArguments("unknown option " + arg);
            }
            level++;
        }
        return Math.min(3, level);
    }

    /** C integer syntax (decimal, 0x hex, leading-0 octal), then optional w, then optional k or m. */
    private static final Pattern HEAP_SIZE =
            Pattern.compile("(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([wW]?)([kKmM]?)");

    /**
     * A heap size in bytes; {@code w} scales a size given for a 32-bit word to this 64-bit host,
     * {@code k}/{@code m} multiply by 1024 or 1024*1024, as the unix port.
     */
    static long parseHeapSize(String text) throws InvalidArguments {
        Matcher m = HEAP_SIZE.matcher(text);
        if (!m.matches()) {
            throw new InvalidArguments("bad heap size " + text);
        }
        String digits = m.group(1);
        long size;
        try {
            if (digits.length() > 1 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
                size = Long.parseLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.charAt(0) == '0') {
                size = Long.parseLong(digits, 8);
            } else {
                size = Long.parseLong(digits);
            }
        } catch (NumberFormatException e) {
            throw new InvalidArguments("heap size out of range " + text);
        }
        switch (m.group(3).toLowerCase()) {
            case "k":
                size *= 1024;
                break;
            case "m":
                size *= 1024 * 1024;
                break;
            default:
                break;
        }
        if (!m.group(2).isEmpty()) {
            size = size * Long.BYTES / Integer.BYTES;
        }
        if (size < MINIMUM_HEAP) {
            throw new InvalidArguments("heap size too small " + text);
        }
        return size;
    }
}
