package dev.mica.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the web console (PID {@value #PID}); TLS and the port are Felix HTTP's own framework properties. */
@ObjectClassDefinition(name = "Mica web console",
        description = "Sessions, login rate limit, upload limit and the heap history of the web console")
@interface ConsoleConfiguration {
    String PID = "dev.mica.console";

    @AttributeDefinition(name = "Session idle timeout", description = "Minutes without a request after which a session ends")
    int session_idle_minutes() default 30;

    @AttributeDefinition(name = "Session lifetime", description = "Hours after which a session ends in any case")
    int session_lifetime_hours() default 12;

    @AttributeDefinition(name = "Upload limit", description = "Largest request body in bytes (files, apps, bundles)")
    long upload_max_bytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "Free login failures", description = "Failed logins in a row from one address before it must wait (1 s, doubling)")
    int login_free_failures() default 3;

    @AttributeDefinition(name = "Longest login wait", description = "Seconds an address waits at most between login attempts")
    int login_max_wait_seconds() default 900;

    @AttributeDefinition(name = "Heap sample interval", description = "Seconds between samples of the JVM's and the apps' heap")
    int heap_sample_seconds() default 5;

    @AttributeDefinition(name = "Heap history", description = "Samples kept (the charts' length)")
    int heap_history_samples() default 360;
}
