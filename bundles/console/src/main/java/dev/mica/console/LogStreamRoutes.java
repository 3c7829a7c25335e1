package dev.mica.console;

import java.util.List;
import java.util.NoSuchElementException;

import dev.mica.gateway.api.AppControl;

/** An app's log as a stream of server-sent events, for the page's EventSource. */
final class LogStreamRoutes {
    private final AppControl apps;
    private final LogStreams streams;

    LogStreamRoutes(AppControl apps, LogStreams streams) {
        this.apps = apps;
        this.streams = streams;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/apps/{name}/log/stream", Access.VIEWER,
                "The app's log lines as they come, as server-sent events (text/event-stream): each line an event "
                        + "whose id is its line number (Last-Event-ID resumes after it), 'state' events with the "
                        + "app's state as JSON, 'skipped' with the number of lines that fell out of memory, "
                        + "heartbeat comments, and 'end' when the session ends. At most " + LogStreams.PER_SESSION
                        + " streams per session (429 past it) and " + LogStreams.OVERALL + " in all (503)",
                Route.Body.NONE, List.of(new Route.Param("after",
                        "line number to start after, when there is no Last-Event-ID header (0: from the oldest kept)", false)),
                Route.Produces.EVENT_STREAM, this::stream));
    }

    private Object stream(ApiCall call) {
        String name = call.path("name");
        apps.app(name).orElseThrow(() -> new NoSuchElementException("no app " + name));
        long after = call.queryLong("after", 0, 0, Long.MAX_VALUE);
        String lastEventId = call.exchange().header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Math.max(0, Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw new ApiException(400, "Last-Event-ID must be a line number: '" + lastEventId + "'");
            }
        }
        return ApiResponse.stream(streams.open(call.session(), name, after));
    }
}
