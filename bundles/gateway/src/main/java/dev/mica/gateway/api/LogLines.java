package dev.mica.gateway.api;

import java.util.List;

/**
 * A piece of an app's log kept in memory.
 *
 * @param lines the lines, oldest first, each {@code <instant> <out|err|gateway> <text>}
 * @param last the number of the last line given (ask for the lines after it next)
 * @param skipped how many asked-for lines had already fallen out of memory
 */
public record LogLines(List<String> lines, long last, long skipped) {
    public LogLines {
        lines = List.copyOf(lines);
    }
}
