package dev.mica.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mica.code.CompileOptions;
import dev.mica.code.EmitMode;

/**
 * Reads and checks a {@code dev.mica.app} configuration. Values may be typed (from Config Admin
 * or a {@code .config} file) or strings (from a {@code .cfg} file). Every problem is collected,
 * so the operator sees all of them at once; an unknown property is a problem too, since a
 * misspelt one would otherwise be ignored without a word.
 */
final class AppConfigurationParser {
    static final String NAME = "name";
    static final String AUTOSTART = "autostart";
    static final String RESTART = "restart";
    static final String RESTART_DELAY = "restart.delay";
    static final String RESTART_MAX_DELAY = "restart.maxdelay";
    static final String RESTART_RESET_AFTER = "restart.resetafter";
    static final String RESTART_LIMIT = "restart.limit";
    static final int MAX_RESTART_LIMIT = 1_000_000;
    static final String HEAP_SIZE = "heapsize";
    static final String OPTIMIZATION = "optimization";
    static final String EMIT = "emit";
    static final String RECURSION_LIMIT = "recursionlimit";
    static final String ALLOWED_MODULES = "modules";
    static final String STORAGE = "storage";
    static final String TIER = "tier";

    static final int MIN_RECURSION_LIMIT = 10;
    static final int MAX_RECURSION_LIMIT = 100_000;
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

    static final long MIN_HEAP_SIZE = 8 * 1024;
    static final long MAX_HEAP_SIZE = 1024L * 1024 * 1024;

    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    /** Properties that Config Admin, FileInstall and DS add of their own. */
    private static final List<String> FOREIGN_PREFIXES = List.of("service.", "felix.", "component.");
    private static final Set<String> KNOWN = Set.of(NAME, AUTOSTART, RESTART, RESTART_DELAY, RESTART_MAX_DELAY,
            RESTART_RESET_AFTER, RESTART_LIMIT, HEAP_SIZE, OPTIMIZATION, EMIT, RECURSION_LIMIT, ALLOWED_MODULES, STORAGE,
            TIER);

    private AppConfigurationParser() {
    }

    static boolean isValidAppName(String name) {
        return name != null && APP_NAME.matcher(name).matches();
    }

    static AppSettings parse(Map<String, ?> properties) throws InvalidAppConfigurationException {
        List<String> problems = new ArrayList<>();
        String name = text(properties.get(NAME));
        if (name == null || name.isEmpty()) {
            problems.add("'name' is missing");
        } else if (!isValidAppName(name)) {
            problems.add("'name' must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit: '"
                    + name + "'");
        }
        AppSettings defaults = AppSettings.defaults(name == null ? "" : name);

        boolean autostart = defaults.autostart();
        Object autostartValue = properties.get(AUTOSTART);
        if (autostartValue != null) {
            Optional<Boolean> parsed = bool(autostartValue);
            if (parsed.isPresent()) {
                autostart = parsed.get();
            } else {
                problems.add("'autostart' must be true or false: '" + autostartValue + "'");
            }
        }

        RestartPolicy restart = defaults.restart();
        Object restartValue = properties.get(RESTART);
        if (restartValue != null) {
            Optional<RestartPolicy> parsed = RestartPolicy.parse(text(restartValue).toLowerCase(Locale.ROOT));
            if (parsed.isPresent()) {
                restart = parsed.get();
            } else {
                problems.add("'restart' must be never, on-failure or always: '" + restartValue + "'");
            }
        }

        Duration delay = duration(properties, RESTART_DELAY, defaults.backoff().initialDelay(), problems);
        Duration maxDelay = duration(properties, RESTART_MAX_DELAY, defaults.backoff().maxDelay(), problems);
        Duration resetAfter = duration(properties, RESTART_RESET_AFTER, defaults.backoff().resetAfter(), problems);
        if (maxDelay.compareTo(delay) < 0) {
            problems.add("'" + RESTART_MAX_DELAY + "' (" + maxDelay.toMillis() + " ms) is shorter than '"
                    + RESTART_DELAY + "' (" + delay.toMillis() + " ms)");
        }

        int restartLimit = defaults.backoff().limit();
        Object limitValue = properties.get(RESTART_LIMIT);
        if (limitValue != null) {
            long parsed = integer(limitValue);
            if (parsed < 0 || parsed > MAX_RESTART_LIMIT) {
                problems.add("'" + RESTART_LIMIT + "' must be a whole number from 0 (no limit) to " + MAX_RESTART_LIMIT
                        + ": '" + limitValue + "'");
            } else {
                restartLimit = (int) parsed;
            }
        }

        long heapSize = defaults.heapSize();
        Object heapValue = properties.get(HEAP_SIZE);
        if (heapValue != null) {
            long parsed = size(heapValue);
            if (parsed < MIN_HEAP_SIZE || parsed > MAX_HEAP_SIZE) {
                problems.add("'heapsize' must be a size from 8k to 1g (bytes, or with the suffix k, m or g): '"
                        + heapValue + "'");
            } else {
                heapSize = parsed;
            }
        }

        int optimization = defaults.optimizationLevel();
        Object optimizationValue = properties.get(OPTIMIZATION);
        if (optimizationValue != null) {
            long parsed = integer(optimizationValue);
            if (parsed < 0 || parsed > 3) {
                problems.add("'optimization' must be 0, 1, 2 or 3: '" + optimizationValue + "'");
            } else {
                optimization = (int) parsed;
            }
        }

        EmitMode emit = defaults.emit();
        Object emitValue = properties.get(EMIT);
        if (emitValue != null) {
            try {
                emit = EmitMode.valueOf(text(emitValue).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("'emit' must be bytecode, native or viper: '" + emitValue + "'");
            }
        }

        int recursionLimit = defaults.recursionLimit();
        Object recursionValue = properties.get(RECURSION_LIMIT);
        if (recursionValue != null) {
            long parsed = integer(recursionValue);
            if (parsed < MIN_RECURSION_LIMIT || parsed > MAX_RECURSION_LIMIT) {
                problems.add("'" + RECURSION_LIMIT + "' must be a whole number from " + MIN_RECURSION_LIMIT + " to "
                        + MAX_RECURSION_LIMIT + ": '" + recursionValue + "'");
            } else {
                recursionLimit = (int) parsed;
            }
        }

        Set<String> allowedModules = defaults.allowedModules();
        Object modulesValue = properties.get(ALLOWED_MODULES);
        if (modulesValue != null) {
            allowedModules = moduleNames(modulesValue, problems);
        }

        String storage = null;
        Object storageValue = properties.get(STORAGE);
        if (storageValue != null) {
            storage = text(storageValue);
            if (!isValidStorage(storage)) {
                problems.add("'" + STORAGE + "' must be a folder: absolute, or relative to the app's folder without"
                        + " '..': '" + storageValue + "'");
                storage = null;
            }
        }

        int tierThreshold = defaults.tierThreshold();
        Object tierValue = properties.get(TIER);
        if (tierValue != null) {
            long parsed = integer(tierValue);
            if (parsed < 0 || parsed > Integer.MAX_VALUE) {
                problems.add("'" + TIER + "' must be a whole number, 0 for no tiering: '" + tierValue + "'");
            } else {
                tierThreshold = (int) parsed;
            }
        }

        properties.keySet().stream()
                .filter(key -> !KNOWN.contains(key))
                .filter(key -> FOREIGN_PREFIXES.stream().noneMatch(key::startsWith))
                .sorted()
                .forEach(key -> problems.add("unknown property '" + key + "'"));

        if (!problems.isEmpty()) {
            throw new InvalidAppConfigurationException(problems);
        }
        return new AppSettings(name, autostart, restart, new Backoff(delay, maxDelay, resetAfter, restartLimit), heapSize,
                new CompileOptions(optimization, emit), recursionLimit, allowedModules, storage, tierThreshold);
    }

    /**
     * The module names of an allow-list: a string of names separated by commas or spaces, or an
     * array or collection of names (as Config Admin stores lists). An empty list allows none.
     */
    private static Set<String> moduleNames(Object value, List<String> problems) {
        List<String> names = new ArrayList<>();
        if (value instanceof Object[] array) {
            for (Object item : array) {
                names.add(text(item));
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                names.add(text(item));
            }
        } else {
            for (String name : LIST_SEPARATOR.split(text(value))) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        Set<String> valid = new TreeSet<>();
        for (String name : names) {
            if (name == null || !MODULE_NAME.matcher(name).matches()) {
                problems.add("'" + ALLOWED_MODULES + "' must list module names (letters, digits and '_'): '" + name
                        + "'");
            } else {
                valid.add(name);
            }
        }
        return valid;
    }

    /** A folder name that stays inside the app's folder when relative, or an absolute one. */
    private static boolean isValidStorage(String value) {
        if (value.isEmpty() || value.indexOf('\0') >= 0) {
            return false;
        }
        try {
            java.nio.file.Path path = java.nio.file.Path.of(value);
            if (path.isAbsolute()) {
                return true;
            }
            for (java.nio.file.Path part : path) {
                if (part.toString().equals("..")) {
                    return false;
                }
            }
            return true;
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().strip();
    }

    private static Optional<Boolean> bool(Object value) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        return switch (text(value).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A whole number, or -1 when the value is not one. */
    private static long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(text(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A size in bytes with an optional k/m/g suffix (as MicroPython's {@code -X heapsize}), or -1. */
    static long size(Object value) {
        if (value instanceof Number) {
            return integer(value);
        }
        Matcher m = SIZE.matcher(text(value));
        if (!m.matches()) {
            return -1;
        }
        try {
            long number = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            return number > (Long.MAX_VALUE >> shift) ? -1 : number << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A duration: milliseconds, or a number with ms, s, m or h. */
    private static Duration duration(Map<String, ?> properties, String key, Duration fallback, List<String> problems) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        Duration parsed = null;
        if (value instanceof Number) {
            long millis = integer(value);
            parsed = millis > 0 ? Duration.ofMillis(millis) : null;
        } else {
            Matcher m = DURATION.matcher(text(value));
            if (m.matches()) {
                try {
                    long number = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "ms" : m.group(2);
                    parsed = switch (unit) {
                        case "s" -> Duration.ofSeconds(number);
                        case "m" -> Duration.ofMinutes(number);
                        case "h" -> Duration.ofHours(number);
                        default -> Duration.ofMillis(number);
                    };
                } catch (NumberFormatException | ArithmeticException e) {
                    parsed = null;
                }
            }
        }
        if (parsed == null || parsed.isZero() || parsed.compareTo(Duration.ofDays(1)) > 0) {
            problems.add("'" + key + "' must be a positive duration up to a day (milliseconds, or with ms, s, m or h): '"
                    + value + "'");
            return fallback;
        }
        return parsed;
    }
}
