package dev.mica.console;

import java.io.IOException;

/** The body of an answer that goes on after its headers: server-sent events, written as they come. */
interface EventStream {
    /** Starts writing to the client; called once, when the client can take the first bytes. */
    void start(Sink sink);

    /** Ends the stream from this side (the console stops); the sink is closed. */
    void close();

    /** Where the events go: the client's connection, written without blocking. */
    interface Sink {
        /** Whether the connection takes more bytes now; false while earlier ones are still on their way. */
        boolean ready();

        /** Writes and sends the text (call only when {@link #ready()}). */
        void send(String text) throws IOException;

        /** Ends the answer. */
        void close();
    }
}
