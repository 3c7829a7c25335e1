import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import dev.mica.code.Compiler;
import dev.mica.heap.GarbageCollector;
import dev.mica.heap.HeapAccount;
import dev.mica.heap.HeapThread;
import dev.mica.heap.HeapTrace;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * The share of an allocation-heavy program's time that the gc bundle's traces take, timed
 * around each trace (which runs on the program's thread), in a warm JVM: what the bundle adds
 * on top of the accounting, measured directly rather than as the difference of two noisy runs.
 * Then the cost of one charge on the fast path, for the accounting's own share: a program's
 * charges (at most its bytes allocated over 32, MicroPython's block) times that cost.
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
            // the bytes charged come out last, for the number of charges
            String source = Files.readString(Path.of(args[p])) + "\nimport micropython\nprint(micropython.mem_total())\n";
            long charged = 0;
            double best = Double.MAX_VALUE;
            long bestTraces = 0;
            double bestTraceMs = 0;
            double bestRunMs = 0;
            for (int i = 0; i < runs + 2; i++) {
                traces = 0;
                traceNanos = 0;
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                Interpreter interpreter = factory.create(InterpreterConfig.standard().withStreams(
                        new ByteArrayInputStream(new byte[0]), out, OutputStream.nullOutputStream()));
                long start = System.nanoTime();
                interpreter.runSource(source, "<bench>");
                double ms = (System.nanoTime() - start) / 1e6;
                interpreter.close();
                String[] lines = out.toString().trim().split("\n");
                charged = Long.parseLong(lines[lines.length - 1].trim());
                double share = traceNanos / 1e6 / ms;
                if (i >= 2 && share < best) {
                    best = share;
                    bestTraces = traces;
                    bestTraceMs = traceNanos / 1e6;
                    bestRunMs = ms;
                }
            }
            System.out.printf("%s %d %.1f %.1f %.1f %d%n", Path.of(args[p]).getFileName(), bestTraces, bestTraceMs, best * 100,
                    bestRunMs, charged);
        }
        System.out.printf("charge %.2f%n", nanosPerCharge());
    }

    /**
     * What one charge costs on an interpreter thread (the account lookup and the fast path),
     * timed over many charges that never reach the trigger.
     */
    private static double nanosPerCharge() throws InterruptedException {
        HeapAccount account = new HeapAccount(Long.MAX_VALUE / 1024, () -> null);
        double[] best = {Double.MAX_VALUE};
        Thread t = new HeapThread(account, () -> {
            for (int round = 0; round < 7; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < 50_000_000; i++) {
                    HeapAccount.chargeCurrent(32);
                }
                best[0] = Math.min(best[0], (System.nanoTime() - start) / 50e6);
            }
        }, "charge", 0);
        t.start();
        t.join();
        return best[0];
    }
}
