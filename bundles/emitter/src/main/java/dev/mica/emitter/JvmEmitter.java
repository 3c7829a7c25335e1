package dev.mica.emitter;

import dev.mica.emit.CompiledBody;
import dev.mica.emit.FunctionCode;
import dev.mica.emit.NativeEmitter;
import dev.mica.obj.PyObject;
import java.lang.invoke.MethodHandles;
import org.osgi.service.component.annotations.Component;

/**
 * The native emitter: each function becomes one hidden JVM class defined through this
 * bundle's own class loader. A hidden class is unloaded as soon as nothing refers to it, and
 * none can outlive this bundle's class loader, so when the bundle goes (and the VM drops the
 * bodies it holds) all native code goes with it.
 */
@Component(service = NativeEmitter.class)
public final class JvmEmitter implements NativeEmitter {
    public JvmEmitter() {
        // stateless: every function is compiled on its own
    }

    @Override
    public CompiledBody compile(FunctionCode code) {
        byte[] classFile;
        try {
            classFile = new FunctionTranslator(code, Compiled.CLASS_NAME).translate();
        } catch (Declined d) {
            debug(code, d.getMessage());
            return null;
        } catch (dev.mica.obj.PyException e) {
            throw e;
        } catch (RuntimeException e) {
            // a translator failure is a bug here, never the program's: its bytecode still runs correctly
            debug(code, e.toString());
            if (Boolean.getBoolean("mica.emitter.debug")) {
                e.printStackTrace();
            }
            return null;
        }
        dump(code, classFile);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(classFile, true);
            return (CompiledBody) lookup.lookupClass().getDeclaredConstructor(PyObject[].class)
                    .newInstance((Object) code.literals());
        } catch (ReflectiveOperationException | LinkageError e) {
            // a translation the JVM rejects is a bug here; the bytecode still runs correctly
            debug(code, e.toString());
            return null;
        }
    }

    /** With -Dmica.emitter.debug=true, says on stderr which functions stay bytecode and why. */
    private static void debug(FunctionCode code, String why) {
        if (Boolean.getBoolean("mica.emitter.debug")) {
            System.err.println("emitter: " + code.name() + " stays bytecode: " + why);
        }
    }

    /** With -Dmica.emitter.dump=DIR, writes each generated class there (for javap), named after its function. */
    private static void dump(FunctionCode code, byte[] classFile) {
        String dir = System.getProperty("mica.emitter.dump");
        if (dir != null) {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile(java.nio.file.Path.of(dir),
                        code.name().replaceAll("[^A-Za-z0-9_]", "_") + "-", ".class");
                java.nio.file.Files.write(file, classFile);
            } catch (java.io.IOException | RuntimeException e) {
                debug(code, "not dumped: " + e);
            }
        }
    }

    /** The name generated classes are based on (a hidden class must live in the lookup's package). */
    static final class Compiled {
        static final String CLASS_NAME = "dev/mica/emitter/CompiledFunction";

        private Compiled() {}
    }
}
