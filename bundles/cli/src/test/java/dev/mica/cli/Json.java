package dev.mica.cli;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Just the JSON the oracle speaks: an array of programs out, an array of {stdout, stderr} in. */
final class Json {
    private Json() {}

    /** {@code [{"files": {name: base64, ...}, "main": text}, ...]}, as tools/oracle/run.mjs reads it. */
    static String programs(List<MicroPythonOracle.Program> programs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < programs.size(); i++) {
            MicroPythonOracle.Program program = programs.get(i);
            sb.append(i > 0 ? ",{\"files\":{" : "{\"files\":{");
            boolean first = true;
            for (Map.Entry<String, byte[]> file : program.files().entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                quote(file.getKey(), sb);
                sb.append(':');
                quote(Base64.getEncoder().encodeToString(file.getValue()), sb);
            }
            sb.append("},\"main\":");
            quote(program.main(), sb);
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses {@code [{"stdout":"..","stderr":".."}, ...]} into [stdout, stderr] pairs. */
    static List<List<String>> parseOutputs(String json) {
        List<List<String>> result = new ArrayList<>();
        Parser p = new Parser(json);
        p.expect('[');
        while (p.peek() != ']') {
            p.expect('{');
            String stdout = null;
            String stderr = null;
            while (p.peek() != '}') {
                String key = p.string();
                p.expect(':');
                String value = p.string();
                if (key.equals("stdout")) {
                    stdout = value;
                } else if (key.equals("stderr")) {
                    stderr = value;
                }
                if (p.peek() == ',') {
                    p.expect(',');
                }
            }
            p.expect('}');
            result.add(List.of(stdout, stderr));
            if (p.peek() == ',') {
                p.expect(',');
            }
        }
        return result;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        char peek() {
            while (Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return text.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at " + pos);
            }
            pos++;
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }
    }
}
