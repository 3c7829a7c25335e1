package dev.mica.hal.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of a driver's configuration map, whether it came from Config Admin (typed
 * values) or from a properties file (strings such as {@code "0x76"} or {@code "5->6, 7->8"}).
 */
public final class ConfigValues {
    private final Map<String, ?> values;

    public ConfigValues(Map<String, ?> values) {
        this.values = values;
    }

    public Map<String, ?> raw() {
        return values;
    }

    public boolean has(String key) {
        Object value = values.get(key);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    public String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        return value.toString().trim();
    }

    /** An int; strings may be decimal or 0x-prefixed hexadecimal. */
    public int integer(String key, int fallback) {
        Object value = values.get(key);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return parseInt(value.toString().trim(), key);
    }

    public double decimal(String key, double fallback) {
        Object value = values.get(key);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + key + ": " + value);
        }
    }

    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null || value.toString().isBlank() ? fallback : Boolean.parseBoolean(value.toString().trim());
    }

    /** Comma-separated items (or a String[] from Config Admin), trimmed, empty ones dropped. */
    public List<String> list(String key) {
        Object value = values.get(key);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        String[] parts = value instanceof String[] array ? array : value.toString().split(",");
        for (String part : parts) {
            for (String item : part.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** Items of the form {@code key=value} (or {@code key->value} with the given separator). */
    public Map<String, String> pairs(String key, String separator) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : list(key)) {
            int at = item.indexOf(separator);
            if (at <= 0) {
                throw new IllegalArgumentException("expected a" + separator + "b in " + key + ": " + item);
            }
            pairs.put(item.substring(0, at).trim(), item.substring(at + separator.length()).trim());
        }
        return pairs;
    }

    public static int parseInt(String text, String what) {
        try {
            String lower = text.toLowerCase();
            if (lower.startsWith("0x")) {
                return Integer.parseInt(lower.substring(2), 16);
            }
            if (lower.startsWith("0b")) {
                return Integer.parseInt(lower.substring(2), 2);
            }
            return Integer.parseInt(lower);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer for " + what + ": " + text);
        }
    }
}
