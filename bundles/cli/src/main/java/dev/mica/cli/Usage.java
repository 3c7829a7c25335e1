package dev.mica.cli;

/** The {@code -h} text: the options of the unix port's {@code micropython}, as Mica takes them. */
final class Usage {
    private Usage() {}

    static String text(String program, long defaultHeapSize) {
        return "usage: " + program + " [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>] [args...]\n"
                + "Options:\n"
                + "--version : show version information\n"
                + "-h : print this help message\n"
                + "-i : enable inspection via REPL after running command/module/file\n"
                + "-v : verbose; can be repeated\n"
                + "-O[N] : apply bytecode optimizations of level N\n"
                + "\n"
                + "Implementation specific options (-X):\n"
                + "  emit={bytecode,native,viper} -- set the default code emitter\n"
                + "  heapsize=<n>[w][K|M] -- set the heap size for the GC (default " + defaultHeapSize + ")\n"
                + "  tier=<n> -- compile a function as native code after n calls and loop iterations (0: never)\n"
                + "  board=<kind>[:<file>] -- give machine a board, e.g. sim:board.properties\n"
                + "\n"
                + "Environment:\n"
                + "  MICROPYPATH     -- colon-separated module search path\n"
                + "  MICROPYINSPECT  -- when set, as -i\n"
                + "  MICA_BOARD      -- as -X board=\n";
    }
}
