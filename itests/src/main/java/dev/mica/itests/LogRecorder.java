package dev.mica.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Keeps the OSGi log entries of the gateway's loggers, for the tests to wait for and read. */
final class LogRecorder implements AutoCloseable {
    private final LogReaderService reader;
    private final List<String[]> entries = new CopyOnWriteArrayList<>();
    private final LogListener listener = entry -> {
        String logger = entry.getLoggerName();
        if (logger != null && logger.startsWith("dev.mica.")) {
            entries.add(new String[] {logger, entry.getMessage()});
        }
    };

    LogRecorder(LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(listener);
    }

    /** The messages of one logger, e.g. {@code dev.mica.app.sensor}, in order. */
    List<String> of(String logger) {
        return entries.stream().filter(e -> e[0].equals(logger)).map(e -> e[1]).toList();
    }

    List<String> ofApp(String app) {
        return of("dev.mica.app." + app);
    }

    long countOfApp(String app, String text) {
        return ofApp(app).stream().filter(m -> m.contains(text)).count();
    }

    void awaitApp(String app, String text) throws InterruptedException {
        awaitApp(app, text, 1);
    }

    void awaitApp(String app, String text, int times) throws InterruptedException {
        Await.until(() -> countOfApp(app, text) >= times, () -> app + ": " + ofApp(app));
    }

    @Override
    public void close() {
        reader.removeLogListener(listener);
    }
}
