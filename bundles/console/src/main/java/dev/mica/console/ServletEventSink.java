package dev.mica.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * An event stream's way to the client: the servlet's output in non-blocking mode (a slow client
 * holds no thread), the stream started when the container first says it can write, and ended
 * when the client goes away or the connection fails.
 */
final class ServletEventSink implements EventStream.Sink, WriteListener, AsyncListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final EventStream events;
    private boolean started;
    private boolean closed;

    ServletEventSink(AsyncContext async, ServletOutputStream out, EventStream events) {
        this.async = async;
        this.out = out;
        this.events = events;
    }

    @Override
    public synchronized boolean ready() {
        return !closed && out.isReady();
    }

    @Override
    public synchronized void send(String text) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
        // a write that went out at once leaves the output ready: push it to the client now
        if (out.isReady()) {
            out.flush();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // completed already (the client went away)
        }
    }

    @Override
    public void onWritePossible() {
        boolean first;
        synchronized (this) {
            first = !started;
            started = true;
        }
        if (first) {
            events.start(this);
        }
    }

    @Override
    public void onError(Throwable failure) {
        events.close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        events.close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        events.close();
    }

    @Override
    public void onError(AsyncEvent event) {
        events.close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do when a new cycle starts
    }
}
