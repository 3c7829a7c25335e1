import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import dev.mica.code.Compiler;
import dev.mica.heap.GarbageCollector;
import dev.mica.heap.HeapTrace;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * The share of an allocation-heavy program's time that the gc bundle's traces take, timed
 * around each trace (which runs on the program's thread), in a warm JVM: what the bundle adds
 * on top of the accounting, measured directly rather than as the difference of two noisy runs.
 * usage: java -cp JARS TraceShare.java RUNS PROGRAM...
 */
public class TraceShare {
    private static long traces;
    private static long traceNanos;

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Compiler compiler = ServiceLoader.load(Compiler.class).findFirst().orElseThrow();
        GarbageCollector collector = ServiceLoader.load(GarbageCollector.class).findFirst().orElseThrow();
        GarbageCollector timed = roots -> {
            long start = System.nanoTime();
            HeapTrace t = collector.trace(roots);
            traceNanos += System.nanoTime() - start;
            traces++;
            return t;
        };
        MicaInterpreterFactory factory = new MicaInterpreterFactory(compiler, timed);
        for (int p = 1; p < args.length; p++) {
            String source = Files.readString(Path.of(args[p]));
            double best = Double.MAX_VALUE;
            long bestTraces = 0;
            double bestTraceMs = 0;
            for (int i = 0; i < runs + 2; i++) {
                traces = 0;
                traceNanos = 0;
                Interpreter interpreter = factory.create(InterpreterConfig.standard().withStreams(
                        new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
                long start = System.nanoTime();
                interpreter.runSource(source, "<bench>");
                double ms = (System.nanoTime() - start) / 1e6;
                interpreter.close();
                double share = traceNanos / 1e6 / ms;
                if (i >= 2 && share < best) {
                    best = share;
                    bestTraces = traces;
                    bestTraceMs = traceNanos / 1e6;
                }
            }
            System.out.printf("%s %d %.1f %.1f%n", Path.of(args[p]).getFileName(), bestTraces, bestTraceMs, best * 100);
        }
    }
}
