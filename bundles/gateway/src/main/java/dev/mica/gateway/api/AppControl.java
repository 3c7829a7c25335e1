package dev.mica.gateway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's apps, as the shell commands see them. Methods that name an app throw
 * {@link IllegalArgumentException} for a name that is not a valid app name and
 * {@link NoSuchElementException} when the storage folder has no such app.
 */
@ProviderType
public interface AppControl {
    /** The factory PID of the apps' configurations in Config Admin. */
    String APP_FACTORY_PID = "dev.mica.app";

    /** The gateway's storage folder (absolute): apps/, main.py, logs/, state/. */
    Path storage();

    /** The folder of the apps inside the storage folder. */
    Path appsFolder();

    /** Whether a name may name an app (1 to 64 letters, digits, '_' or '-'). */
    boolean isValidAppName(String name);

    /** Every app, after looking for new ones in the storage folder. */
    List<AppInfo> apps();

    /** One app, after looking for it in the storage folder. */
    Optional<AppInfo> app(String name);

    /** Starts the app; says what happened (e.g. that it runs already). */
    String start(String name);

    /** Stops the app (KeyboardInterrupt, then its interpreter closed after a grace period). */
    String stop(String name);

    /** Stops and starts the app. */
    String restart(String name);

    /** The app's log lines numbered after {@code after} (from 1), at most {@code max}. */
    LogLines log(String name, long after, int max);

    /**
     * What is wrong with an app configuration, as the gateway would refuse it; empty when it
     * would be taken. Only the properties are checked, not whether another configuration
     * names the same app.
     */
    List<String> checkConfiguration(Map<String, ?> properties);
}
