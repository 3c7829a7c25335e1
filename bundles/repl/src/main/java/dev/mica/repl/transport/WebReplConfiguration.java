package dev.mica.repl.transport;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the WebREPL listener (PID {@code dev.mica.repl.webrepl}); without one, or
 * without a password of 4 to 9 characters, there is no listener.
 */
@ObjectClassDefinition(
        name = "Mica WebREPL",
        description = "MicroPython's WebREPL over a WebSocket, for webrepl.html and webrepl_cli.py: the REPL "
                + "and file transfers, behind a password")
@interface WebReplConfiguration {
    @AttributeDefinition(name = "Address", description = "The address to listen on; 127.0.0.1 lets only this machine in")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The TCP port (0: any free port, written to the log)")
    int port() default 8266;

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "4 to 9 characters, as MicroPython's webrepl_setup asks; no password, no WebREPL")
    String password() default "";

    @AttributeDefinition(name = "App", description = "The app whose interpreter each connection gets (made like the "
            + "app's: its files, sys.path and settings); empty for a fresh interpreter over the storage folder below")
    String app() default "";

    @AttributeDefinition(name = "Storage folder", description = "The file root of fresh interpreters (os, open, "
            + "file transfers); a relative path is taken from the working directory")
    String storage() default "storage/repl";

    @AttributeDefinition(name = "Connections", description = "How many clients may be connected at once")
    int max_connections() default 4;

    @AttributeDefinition(name = "Largest upload", description = "The largest file a client may put, in bytes")
    long max_upload_size() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "Largest frame", description = "The largest WebSocket frame accepted from a client, in bytes")
    int max_frame_size() default 256 * 1024;

    @AttributeDefinition(name = "Failed logins", description = "Wrong passwords in a row from one address before "
            + "logins from it are refused for a while")
    int login_attempts() default 3;

    @AttributeDefinition(name = "Login block", description = "Seconds an address is refused after too many wrong "
            + "passwords; doubled at each further block")
    int login_block_seconds() default 60;

    @AttributeDefinition(name = "Login time", description = "Seconds a client has to send the handshake and the password")
    int login_timeout_seconds() default 60;

    @AttributeDefinition(name = "TLS keystore", description = "A keystore file with the server's key and certificate: "
            + "the listener then speaks wss:// only; empty for plain ws://")
    String tls_keystore() default "";

    @AttributeDefinition(name = "TLS keystore password", type = AttributeType.PASSWORD,
            description = "The password of the keystore and of its key")
    String tls_keystore_password() default "";

    @AttributeDefinition(name = "TLS keystore type", description = "PKCS12 or JKS")
    String tls_keystore_type() default "PKCS12";

    @AttributeDefinition(name = "Client page", description = "Where a browser opening http://HOST:PORT/ loads the "
            + "WebREPL client from, as a board's page does; empty for a page that only says what the port is")
    String client_url() default "https://micropython.org/webrepl/";
}
