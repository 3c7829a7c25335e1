package dev.mica.gateway;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an app's log receives, kept three ways: the last lines in memory (for
 * {@code mica:log}), the rotated log file, and the operator's log (console and OSGi log).
 * It also keeps the traceback of the current run, the stderr lines from the last
 * {@code Traceback (most recent call last):} on, so the app can show why it failed.
 */
final class AppOutput implements AppLog, AutoCloseable {
    static final String TRACEBACK_START = "Traceback (most recent call last):";
    /** A traceback longer than this keeps its first lines only. */
    static final int MAX_TRACEBACK_LINES = 200;

    private final OutputRing ring;
    private final RotatingLogFile file;
    private final AppLog operatorLog;
    private final Clock clock;
    // guarded by this
    private final List<String> traceback = new ArrayList<>();
    private boolean fileBroken;

    /** @param file the log file, or null for none */
    AppOutput(OutputRing ring, RotatingLogFile file, AppLog operatorLog, Clock clock) {
        this.ring = ring;
        this.file = file;
        this.operatorLog = operatorLog;
        this.clock = clock;
    }

    OutputRing ring() {
        return ring;
    }

    @Override
    public void output(String line) {
        keep("out", line);
        operatorLog.output(line);
    }

    @Override
    public void errorOutput(String line) {
        synchronized (this) {
            if (line.equals(TRACEBACK_START)) {
                traceback.clear();
            }
            if ((!traceback.isEmpty() || line.equals(TRACEBACK_START)) && traceback.size() < MAX_TRACEBACK_LINES) {
                traceback.add(line);
            }
        }
        keep("err", line);
        operatorLog.errorOutput(line);
    }

    @Override
    public void info(String message) {
        keep("gateway", message);
        operatorLog.info(message);
    }

    @Override
    public void warning(String message) {
        keep("gateway", "WARNING " + message);
        operatorLog.warning(message);
    }

    @Override
    public void error(String message, Throwable cause) {
        keep("gateway", message + ": " + cause);
        operatorLog.error(message, cause);
    }

    /** Forgets the traceback of the previous run. */
    synchronized void beginRun() {
        traceback.clear();
    }

    /** The traceback printed in the current run, or null if none was. */
    synchronized String traceback() {
        return traceback.isEmpty() ? null : String.join("\n", traceback);
    }

    private void keep(String stream, String text) {
        String line = clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + stream + " " + text;
        ring.add(line);
        if (file == null) {
            return;
        }
        try {
            file.append(line);
            synchronized (this) {
                fileBroken = false;
            }
        } catch (IOException e) {
            boolean firstFailure;
            synchronized (this) {
                firstFailure = !fileBroken;
                fileBroken = true;
            }
            if (firstFailure) {
                // said once per outage: saying it for every line would flood the operator's log
                operatorLog.error("cannot write the log file " + file.file(), e);
            }
        }
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            operatorLog.error("cannot close the log file " + file.file(), e);
        }
    }
}
