package dev.mica.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mica.gateway.api.AppControl;
import dev.mica.gateway.api.AppInfo;
import dev.mica.gateway.api.LogLines;

/**
 * One client's stream of an app's log as server-sent events: each line an event whose id is its
 * line number (an EventSource that reconnects sends the last one back as {@code Last-Event-ID}),
 * {@code state} events when the app's state changes, {@code skipped} when lines fell out of
 * memory before they were sent, comments as heartbeats, and {@code end} when the session ends or
 * the app is gone. {@link #tick()} does one round; {@link LogStreams} calls it for every stream.
 */
final class LogStream implements EventStream {
    /** Lines sent per round at most: a long backlog goes out over several rounds. */
    static final int LINES_PER_TICK = 200;

    private final AppControl apps;
    private final String app;
    private final String sessionId;
    private final Sessions sessions;
    private final Clock clock;
    private final Duration heartbeat;
    private final Consumer<LogStream> onEnd;
    // read and written by the ticking thread only, after start
    private long last;
    private String lastState;
    private Instant lastSent;
    private volatile Sink sink;
    private volatile boolean ended;

    LogStream(AppControl apps, String app, long after, String sessionId, Sessions sessions, Clock clock,
            Duration heartbeat, Consumer<LogStream> onEnd) {
        this.apps = apps;
        this.app = app;
        this.last = after;
        this.sessionId = sessionId;
        this.sessions = sessions;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.onEnd = onEnd;
    }

    String sessionId() {
        return sessionId;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public synchronized void start(Sink sink) {
        lastSent = clock.instant();
        this.sink = sink;
        if (ended) {
            sink.close();
        }
    }

    /** Sends what is new, if the client can take it; ends the stream when its session or app is gone. */
    synchronized void tick() {
        Sink out = sink;
        if (ended || out == null) {
            return;
        }
        try {
            if (!sessions.isLive(sessionId)) {
                end(out, "session ended");
                return;
            }
            if (!out.ready()) {
                return; // the client is slow: the lines wait in the app's log, not here
            }
            StringBuilder events = new StringBuilder();
            if (lastState == null) {
                events.append("retry: 2000\n\n");
            }
            LogLines lines;
            Optional<AppInfo> info;
            try {
                lines = apps.log(app, last, LINES_PER_TICK);
                info = apps.app(app);
            } catch (NoSuchElementException | IllegalArgumentException e) {
                info = Optional.empty();
                lines = null;
            }
            if (info.isEmpty()) {
                end(out, "no app " + app);
                return;
            }
            if (lines.skipped() > 0) {
                events.append("event: skipped\ndata: ").append(lines.skipped()).append("\n\n");
            }
            List<String> text = lines.lines();
            long number = lines.last() - text.size();
            for (String line : text) {
                number++;
                events.append("id: ").append(number).append('\n');
                data(events, line);
                events.append('\n');
            }
            last = lines.last();
            String state = Json.write(state(info.get()));
            if (!state.equals(lastState)) {
                events.append("event: state\n");
                data(events, state);
                events.append('\n');
                lastState = state;
            }
            Instant now = clock.instant();
            if (events.length() == 0 && !now.isBefore(lastSent.plus(heartbeat))) {
                events.append(": heartbeat\n\n");
            }
            if (events.length() > 0) {
                out.send(events.toString());
                lastSent = now;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (or the connection broke): nothing more to send
            finish(out);
        }
    }

    private static Map<String, Object> state(AppInfo app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", app.state());
        out.put("exitStatus", app.exitStatus());
        out.put("lastTraceback", app.lastTraceback());
        return out;
    }

    /** A data field per line of the text: the client joins them with line feeds. */
    private static void data(StringBuilder events, String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            events.append("data: ").append(line).append('\n');
        }
    }

    private void end(Sink out, String reason) throws IOException {
        if (out.ready()) {
            out.send("event: end\ndata: " + reason + "\n\n");
        }
        finish(out);
    }

    @Override
    public synchronized void close() {
        Sink out = sink;
        if (out == null) {
            if (!ended) {
                ended = true;
                onEnd.accept(this);
            }
        } else {
            finish(out);
        }
    }

    private synchronized void finish(Sink out) {
        if (ended) {
            return;
        }
        ended = true;
        out.close();
        onEnd.accept(this);
    }
}
