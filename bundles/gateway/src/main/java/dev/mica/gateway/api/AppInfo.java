package dev.mica.gateway.api;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one app.
 *
 * @param name the app's name
 * @param state STOPPED, STARTING, RUNNING, FINISHED, FAILED or BACKING_OFF
 * @param source where its files are, relative to the storage folder ({@code apps/x/}, {@code apps/y.py}, {@code main.py})
 * @param main its main script, relative to the storage folder
 * @param autostart whether it starts with the gateway
 * @param restart its restart policy: never, on-failure or always
 * @param heapSize its heap budget in bytes
 * @param heapUsed the bytes its running program holds, or -1 when it does not run
 * @param optimization the compiler's optimisation level
 * @param emit bytecode, native or viper
 * @param recursionLimit how deep its calls may nest
 * @param allowedModules the runtime modules it may import, or null for all
 * @param uptimeMillis how long the current run has run, or null when it does not run
 * @param exitStatus the exit status of the last run, or null
 * @param lastEnd how the last run ended, or null
 * @param lastTraceback the traceback of the last failed run, or null
 * @param nextStart when a back-off restart is due, or null
 * @param restartsInARow restarts since it last ran healthily or was started by hand
 */
public record AppInfo(String name, String state, String source, String main, boolean autostart, String restart,
        long heapSize, long heapUsed, int optimization, String emit, int recursionLimit, List<String> allowedModules,
        Long uptimeMillis, Integer exitStatus, String lastEnd, String lastTraceback, Instant nextStart,
        int restartsInARow) {
}
