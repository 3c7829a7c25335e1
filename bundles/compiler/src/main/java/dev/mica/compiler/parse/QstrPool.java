package dev.mica.compiler.parse;

import dev.mica.code.MpyReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The strings that are already qstrs while a file is parsed: the names built into the reference
 * cross-compiler, plus every identifier and short string met so far. A string literal longer than
 * {@link #INTERN_LENGTH} bytes is loaded by qstr only when it is already one of these; otherwise
 * it becomes a constant object, exactly as MicroPython decides.
 */
public final class QstrPool {
    /** Literals up to this many UTF-8 bytes are always interned. */
    public static final int INTERN_LENGTH = 10;

    private static final Set<String> BUILT_IN = load();

    private final Set<String> known = new HashSet<>(BUILT_IN);

    public void add(String s) {
        known.add(s);
    }

    /** Interns {@code s} if it is short; true when it is (now) a qstr. */
    public boolean internLiteral(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= INTERN_LENGTH) {
            known.add(s);
            return true;
        }
        return known.contains(s);
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        readInto(out, "interned-qstrs.txt", QstrPool.class);
        out.addAll(MpyReader.staticQstrs());
        return out;
    }

    /** Reads one escaped string per line ({@code \xNN} for bytes outside printable ASCII). */
    public static void readInto(java.util.Collection<String> out, String resource, Class<?> anchor) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                out.add(unescape(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unescape(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 3 < line.length() + 0 && line.charAt(i + 1) == 'x') {
                bytes.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
