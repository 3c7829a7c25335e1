package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

import dev.mica.code.Compiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;

/**
 * The gc bundle swapped under a running interpreter: while it is gone accounting is unbounded
 * (the program may hold more than its heap), and once it is back the next allocations are
 * traced again and the heap is a limit once more, in the same interpreter.
 */
@ExtendWith(ServiceExtension.class)
class GcSwapTest {
    /** Holds about 600 KB of strings in a 256 KB heap; says whether it got them all. */
    private static final String HOLD = "try:\n"
            + "    held = ['x' * 500 + str(i) for i in range(1000)]\n"
            + "    print('held', len(held))\n"
            + "except MemoryError:\n"
            + "    print('MemoryError')\n"
            + "held = None\n";

    @Test
    void withoutTheGcBundleAccountingIsUnboundedAndItsReturnTracesAgain(
            @InjectService(timeout = 10_000) InterpreterFactory factory,
            @InjectService(timeout = 10_000) Compiler compiler) throws Exception {
        Bundle gc = bundle("dev.mica.gc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter interpreter = factory.create(InterpreterConfig.standard()
                .withStreams(InputStream.nullInputStream(), out, out).withHeapSize(256 * 1024))) {
            interpreter.runSource(HOLD, "<hold>");
            assertEquals("MemoryError\n", out.toString(StandardCharsets.UTF_8));
            out.reset();
            gc.stop();
            try {
                interpreter.runSource(HOLD, "<hold>");
                assertEquals("held 1000\n", out.toString(StandardCharsets.UTF_8));
            } finally {
                gc.start();
            }
            // the collector binds again through Declarative Services
            Await.until(() -> {
                out.reset();
                interpreter.runSource(HOLD, "<hold>");
                return out.toString(StandardCharsets.UTF_8).equals("MemoryError\n");
            }, () -> out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theHeapIsALimitWithTheGcBundle(@InjectService(timeout = 10_000) InterpreterFactory factory,
            @InjectService(timeout = 10_000) Compiler compiler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter interpreter = factory.create(InterpreterConfig.standard()
                .withStreams(InputStream.nullInputStream(), out, out).withHeapSize(256 * 1024))) {
            interpreter.runSource(HOLD, "<hold>");
            interpreter.runSource("import gc\nprint(gc.mem_alloc() + gc.mem_free())", "<gc>");
        }
        assertEquals("MemoryError\n259072\n", out.toString(StandardCharsets.UTF_8));
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : FrameworkUtil.getBundle(GcSwapTest.class).getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
