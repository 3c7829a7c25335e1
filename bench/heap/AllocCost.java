import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import dev.mica.code.Compiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * CPU time of allocation-heavy programs on one class path: each program runs in one warm JVM
 * on fresh interpreters from the class path's factory (with the gc bundle when its jar is on
 * the class path), and the least process CPU time of RUNS runs is printed, one line a program:
 * CPU time rather than wall time and the least rather than the median, so that other work on a
 * shared machine (which slows a run down, never speeds it up) disturbs the figure less.
 * usage: java -cp JARS AllocCost.java RUNS PROGRAM...
 */
public class AllocCost {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Compiler compiler = ServiceLoader.load(Compiler.class).findFirst().orElseThrow();
        MicaInterpreterFactory factory = new MicaInterpreterFactory(compiler);
        for (int p = 1; p < args.length; p++) {
            String source = Files.readString(Path.of(args[p]));
            run(factory, source);
            run(factory, source);
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                times.add(run(factory, source));
            }
            System.out.printf("%s %.1f%n", Path.of(args[p]).getFileName(), Collections.min(times) / 1e6);
        }
    }
    private static long run(MicaInterpreterFactory factory, String source) {
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        Interpreter interpreter = factory.create(config);
        long start = cpu();
        interpreter.runSource(source, "<bench>");
        long used = cpu() - start;
        interpreter.close();
        return used;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
