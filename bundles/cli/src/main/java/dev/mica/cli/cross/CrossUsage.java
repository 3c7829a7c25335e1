package dev.mica.cli.cross;

/** The help text of {@code mica-cross}, laid out as mpy-cross v1.24.1 lays out its own. */
final class CrossUsage {
    private CrossUsage() {}

    static String text(String program) {
        return "usage: " + program + " [<opts>] [-X <implopt>] [--] <input filename>\n"
                + "Options:\n"
                + "--version : show version information\n"
                + "-o : output file for compiled bytecode (defaults to input filename with .mpy extension,"
                + " or stdout if input is stdin)\n"
                + "-s : source filename to embed in the compiled bytecode (defaults to input file)\n"
                + "-v : verbose (trace various operations); can be multiple\n"
                + "-O[N] : apply bytecode optimizations of level N\n"
                + "\n"
                + "Target specific options:\n"
                + "-msmall-int-bits=number : set the maximum bits used to encode a small-int\n"
                + "-march=<arch> : set architecture for native emitter (jvm, the default, is Mica's;"
                + " machine code for the others cannot be emitted);\n"
                + "                " + String.join(", ", CrossOptions.ARCHITECTURES.subList(0,
                        CrossOptions.ARCHITECTURES.size() - 1)) + "\n"
                + "\n"
                + "Implementation specific options:\n"
                + "  emit={bytecode,native,viper} -- set the default code emitter\n"
                + "  heapsize=<n> -- accepted for compatibility; the JVM sizes its own heap\n";
    }
}
