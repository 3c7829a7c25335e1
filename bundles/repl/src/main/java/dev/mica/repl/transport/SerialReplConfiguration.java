package dev.mica.repl.transport;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of a REPL on a serial device (PID {@code dev.mica.repl.serial}); without one there is none. */
@ObjectClassDefinition(
        name = "Mica REPL on a serial device",
        description = "A REPL in a board's style on a tty (a USB gadget port such as /dev/ttyGS0, a UART), "
                + "for mpremote, pyboard.py, Thonny or a terminal on the other end")
@interface SerialReplConfiguration {
    @AttributeDefinition(name = "Device", description = "The tty's path, opened for reading and writing")
    String device();

    @AttributeDefinition(name = "stty settings", description = "Arguments of stty -F DEVICE applied before opening "
            + "(raw mode, no echo: the REPL echoes); empty to leave the device as it is")
    String stty() default "raw -echo";

    @AttributeDefinition(name = "App", description = "The app whose interpreter the session gets; empty for a fresh "
            + "interpreter over the storage folder below")
    String app() default "";

    @AttributeDefinition(name = "Storage folder", description = "The file root of fresh interpreters")
    String storage() default "storage/repl";
}
