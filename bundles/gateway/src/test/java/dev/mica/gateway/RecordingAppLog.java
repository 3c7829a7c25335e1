package dev.mica.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what an app logged, one entry per line, marked by kind. */
final class RecordingAppLog implements AppLog {
    final List<String> entries = new CopyOnWriteArrayList<>();

    @Override
    public void output(String line) {
        entries.add("out: " + line);
    }

    @Override
    public void errorOutput(String line) {
        entries.add("err: " + line);
    }

    @Override
    public void info(String message) {
        entries.add("info: " + message);
    }

    @Override
    public void warning(String message) {
        entries.add("warning: " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        entries.add("error: " + message);
    }

    List<String> of(String kind) {
        return entries.stream().filter(e -> e.startsWith(kind + ": "))
                .map(e -> e.substring(kind.length() + 2)).toList();
    }
}
