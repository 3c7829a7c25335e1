package dev.mica.repl.transport;

/** Where the transports tell the operator what they do: the gateway's console, as the gateway's own notes. */
final class TransportLog {
    private TransportLog() {}

    static void info(String message) {
        System.out.println("[repl] " + message);
    }

    static void warning(String message) {
        System.out.println("[repl] WARNING " + message);
    }
}
