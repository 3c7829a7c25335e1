package dev.mica.gateway;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the gateway (PID {@code dev.mica.gateway}); each app has its own ({@code dev.mica.app}). */
@ObjectClassDefinition(
        name = "Mica gateway",
        description = "Where the gateway's MicroPython apps live and how much of their output is kept")
@interface GatewayConfiguration {

    @AttributeDefinition(
            name = "Storage folder",
            description = "Holds apps/ (one folder or file per app), main.py (the app main), logs/ and state/; "
                    + "a relative path is taken from the working directory")
    String storage() default "storage";

    @AttributeDefinition(name = "Lines in memory", description = "Output lines kept in memory per app, for mica:log")
    int log_lines() default 1000;

    @AttributeDefinition(name = "Log file size", description = "Bytes at which logs/<app>.log is rotated")
    long log_file_size() default 1024 * 1024;

    @AttributeDefinition(name = "Log files", description = "Log files kept per app, the current one included")
    int log_file_count() default 5;
}
