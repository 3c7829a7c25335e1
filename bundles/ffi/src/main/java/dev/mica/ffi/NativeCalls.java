package dev.mica.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JNI half of the ffi module (src/main/c/mica_ffi.c): dlopen/dlsym, libffi calls and
 * closures, and raw memory. The library ships inside this bundle for the platform it was
 * built on and is loaded on first use; {@link #unavailable()} says why when it cannot be.
 */
final class NativeCalls {
    private NativeCalls() {}

    private static final String UNAVAILABLE = load();

    /** Null when the native library is loaded, otherwise the reason it is not. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    private static String load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        String resource = "native/" + os + "-" + arch + "/libmicaffi.so";
        try (InputStream in = NativeCalls.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "no native support built for " + os + "-" + arch;
            }
            // System.load needs a file; once loaded the file is no longer needed
            Path file = Files.createTempFile("libmicaffi", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(file);
            }
            return null;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return "can't load native support: " + e.getMessage();
        }
    }

    /** dlopen(path or null for the program itself); 0 on failure, with errno in {@code error[0]}. */
    static native long dlopen(byte[] path, int[] error);

    static native long dlsym(long handle, byte[] symbol);

    static native void dlclose(long handle);

    /** Whether libffi accepts a signature: a return type code followed by argument type codes. */
    static native boolean validSignature(byte[] signature);

    /** Calls {@code function} with one slot per argument; returns the result's slot. */
    static native long call(long function, byte[] signature, long[] arguments);

    /** Makes a closure calling {@code target}; returns {closure handle, code address}. Never freed. */
    static native long[] newClosure(byte[] signature, ClosureTarget target);

    /** Zeroed native memory of at least one byte; 0 when there is none. */
    static native long allocate(long size);

    static native void free(long address);

    static native void read(long address, byte[] into, int offset, int length);

    static native void write(long address, byte[] from, int offset, int length);

    static native long strlen(long address);
}
