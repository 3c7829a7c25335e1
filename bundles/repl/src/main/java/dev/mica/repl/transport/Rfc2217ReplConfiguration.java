package dev.mica.repl.transport;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the REPL's RFC 2217 listener (PID {@code dev.mica.repl.rfc2217}); without one there is no listener. */
@ObjectClassDefinition(
        name = "Mica REPL over RFC 2217",
        description = "A TCP port speaking telnet with the COM port option, for mpremote connect rfc2217://HOST:PORT, "
                + "pyboard.py -d rfc2217://HOST:PORT and Thonny. The protocol has no password: keep it on loopback "
                + "or behind an SSH tunnel")
@interface Rfc2217ReplConfiguration {
    @AttributeDefinition(name = "Address", description = "The address to listen on; 127.0.0.1 lets only this machine in")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The TCP port (0: any free port, written to the log)")
    int port() default 2217;

    @AttributeDefinition(name = "App", description = "The app whose interpreter each connection gets (made like the "
            + "app's: its files, sys.path and settings); empty for a fresh interpreter over the storage folder below")
    String app() default "";

    @AttributeDefinition(name = "Storage folder", description = "The file root of fresh interpreters (os, open); "
            + "a relative path is taken from the working directory")
    String storage() default "storage/repl";

    @AttributeDefinition(name = "Connections", description = "How many clients may be connected at once")
    int max_connections() default 4;
}
