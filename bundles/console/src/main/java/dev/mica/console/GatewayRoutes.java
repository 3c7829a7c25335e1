package dev.mica.console;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mica.gateway.api.AppControl;
import dev.mica.gateway.api.AppInfo;

/** The gateway as a whole: version, uptime, the JVM's heap, and the heap history the console samples. */
final class GatewayRoutes {
    private final AppControl apps;
    private final HeapHistory history;
    private final String version;
    private final Clock clock;
    private final Duration sampleInterval;

    GatewayRoutes(AppControl apps, HeapHistory history, String version, Clock clock, Duration sampleInterval) {
        this.apps = apps;
        this.history = history;
        this.version = version;
        this.clock = clock;
        this.sampleInterval = sampleInterval;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/gateway", Access.VIEWER,
                        "Version, uptime, the JVM's heap, and the number of apps by state", Route.Body.NONE,
                        List.of(), Route.Produces.JSON, call -> info()),
                new Route("GET", "/gateway/heap-history", Access.VIEWER,
                        "Samples of the JVM's heap and of each running app's heap, oldest first", Route.Body.NONE,
                        List.of(), Route.Produces.JSON, call -> historyJson()));
    }

    /** Takes one sample now: the JVM's heap and each running app's. */
    void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Long> appHeaps = new LinkedHashMap<>();
        for (AppInfo app : apps.apps()) {
            if (app.heapUsed() >= 0) {
                appHeaps.put(app.name(), app.heapUsed());
            }
        }
        history.add(new HeapHistory.Sample(clock.instant(), heap.getUsed(), heap.getCommitted(), heap.getMax(), appHeaps));
    }

    private Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        out.put("startTime", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        out.put("java", System.getProperty("java.version"));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.put("jvmHeap", Map.of("used", heap.getUsed(), "committed", heap.getCommitted(), "max", heap.getMax()));
        out.put("processors", Runtime.getRuntime().availableProcessors());
        Map<String, Integer> byState = new java.util.TreeMap<>();
        for (AppInfo app : apps.apps()) {
            byState.merge(app.state(), 1, Integer::sum);
        }
        out.put("apps", byState);
        out.put("storage", apps.storage().toString());
        return out;
    }

    private Map<String, Object> historyJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intervalMillis", sampleInterval.toMillis());
        out.put("capacity", history.capacity());
        out.put("samples", history.samples().stream().map(HeapHistory.Sample::toJson).toList());
        return out;
    }
}
