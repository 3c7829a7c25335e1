package dev.mica.console;

import java.io.IOException;
import java.io.InputStream;

/** One HTTP request to the API, as the dispatcher needs it (the servlet adapts its request; tests fake it). */
interface ApiExchange {
    /** GET, POST, PUT, DELETE ... */
    String method();

    /** The path below {@code /api}, e.g. {@code /apps/blink}, decoded. */
    String path();

    /** A query parameter, or null. */
    String query(String name);

    /** A request header, or null. */
    String header(String name);

    /** A cookie's value, or null. */
    String cookie(String name);

    /** The client's address, for the login rate limit. */
    String clientAddress();

    /** Whether the request came over TLS. */
    boolean secure();

    /** The declared body length, or -1. */
    long contentLength();

    InputStream body() throws IOException;
}
