package dev.mica.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.mica.gateway.api.AppControl;

/**
 * The open log streams: how many a session and the console may hold (past them a new one is
 * refused with 429 or 503 and a reason), and the one thread that sends every stream its new
 * lines a few times a second. Sending never blocks that thread: a stream whose client is slow
 * is passed over until its connection drains, its lines waiting in the app's log.
 */
final class LogStreams {
    static final int PER_SESSION = 4;
    static final int OVERALL = 32;
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final AppControl apps;
    private final Sessions sessions;
    private final Clock clock;
    private final int perSession;
    private final int overall;
    private final List<LogStream> open = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    LogStreams(AppControl apps, Sessions sessions, Clock clock, int perSession, int overall) {
        this.apps = apps;
        this.sessions = sessions;
        this.clock = clock;
        this.perSession = perSession;
        this.overall = overall;
    }

    /** A new stream of the app's lines after {@code after}; 429 or 503 past the limits. */
    synchronized LogStream open(Sessions.Session session, String app, long after) {
        if (open.size() >= overall) {
            throw new ApiException(503, "the console streams " + overall + " logs already, its limit; "
                    + "try again later or read the log with GET /api/apps/{name}/log");
        }
        long ofSession = open.stream().filter(s -> s.sessionId().equals(session.id())).count();
        if (ofSession >= perSession) {
            throw new ApiException(429, "this session streams " + perSession + " logs already, its limit; "
                    + "close one first");
        }
        LogStream stream = new LogStream(apps, app, after, session.id(), sessions, clock, HEARTBEAT, open::remove);
        open.add(stream);
        return stream;
    }

    int size() {
        return open.size();
    }

    /** One round over every stream (the ticker's job; tests call it themselves). */
    void tickAll() {
        for (LogStream stream : open) {
            stream.tick();
        }
    }

    synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mica-console-log-streams");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tickAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends every stream (the console stops). */
    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (LogStream stream : open) {
            stream.close();
        }
        open.clear();
    }
}
