package dev.mica.gateway;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the gateway's app (PID {@code dev.mica.gateway}). */
@ObjectClassDefinition(
        name = "Mica gateway",
        description = "Where the gateway's MicroPython app lives and which script it runs")
@interface GatewayConfiguration {

    @AttributeDefinition(
            name = "Storage folder",
            description = "The app's files (boot.py, main.py, lib/); a relative path is taken from the working directory")
    String storage() default "storage";

    @AttributeDefinition(
            name = "Main script",
            description = "The script run after boot.py, as a file name inside the storage folder")
    String main() default "main.py";
}
