import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * The JVM heap that idle interpreters hold: makes N of them (each runs one statement, as an app
 * that has started and waits), keeps them, collects, and prints the heap in use per interpreter.
 * Run from bench/heap/footprint with the jars of bin/mica on the class path.
 */
public class IdleFootprint {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        long before = usedAfterCollection();
        List<Interpreter> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InterpreterConfig config = InterpreterConfig.standard()
                    .withStreams(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                            OutputStream.nullOutputStream());
            Interpreter interpreter = factory.create(config);
            interpreter.runSource("idle = True\n", "<idle>");
            kept.add(interpreter);
        }
        long after = usedAfterCollection();
        System.out.printf("%d idle interpreters: %.1f MB of JVM heap, %d bytes each (max heap %d MB)%n", n,
                (after - before) / 1048576.0, (after - before) / n, Runtime.getRuntime().maxMemory() / 1048576);
        for (Interpreter interpreter : kept) {
            interpreter.close();
        }
    }

    private static long usedAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
