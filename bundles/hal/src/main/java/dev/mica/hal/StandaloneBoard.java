package dev.mica.hal;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A board opened without a service registry (on the command line, in tests): the HAL objects
 * it would register as services, handed over directly. Closing it releases the board.
 */
@ProviderType
public interface StandaloneBoard extends AutoCloseable {
    /** The board's HAL objects with their service properties. */
    List<HalService<?>> services();

    @Override
    void close();

    /**
     * Opens boards of one kind; drivers offer it for {@link java.util.ServiceLoader}, so that
     * a command line option such as {@code sim:board.properties} finds the driver named
     * {@code sim} and passes it the rest.
     */
    @ProviderType
    interface Opener {
        /** The kind of board this opens, e.g. {@code "sim"}. */
        String kind();

        /**
         * Opens a board; {@code argument} is what follows {@code kind:} (empty when nothing
         * does), for instance the path of a configuration file.
         *
         * @throws IllegalArgumentException if the argument or the configuration it names is wrong
         */
        StandaloneBoard open(String argument);
    }
}
