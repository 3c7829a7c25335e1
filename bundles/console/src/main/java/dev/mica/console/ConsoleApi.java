package dev.mica.console;

import java.util.ArrayList;
import java.util.List;

/** The route table: every operation of the API, the OpenAPI document among them (made from the same table). */
final class ConsoleApi {
    private ConsoleApi() {
    }

    static List<Route> routes(SessionRoutes sessions, GatewayRoutes gateway, AppRoutes apps, ConfigRoutes config,
            FileRoutes files, BundleRoutes bundles, BoardRoutes board, String version) {
        return routes(sessions, gateway, apps, config, files, bundles, board, version, List.of());
    }

    /** The table with more routes (the REPL tickets, the log streams) before the OpenAPI document. */
    static List<Route> routes(SessionRoutes sessions, GatewayRoutes gateway, AppRoutes apps, ConfigRoutes config,
            FileRoutes files, BundleRoutes bundles, BoardRoutes board, String version, List<Route> more) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(sessions.routes());
        routes.addAll(gateway.routes());
        routes.addAll(apps.routes());
        routes.addAll(config.routes());
        routes.addAll(files.routes());
        routes.addAll(bundles.routes());
        routes.addAll(board.routes());
        routes.addAll(more);
        List<List<Route>> table = new ArrayList<>(1);
        // public: it describes the API and holds no data of the gateway
        routes.add(new Route("GET", "/openapi.json", Access.PUBLIC, "This OpenAPI 3 document", Route.Body.NONE,
                List.of(), Route.Produces.JSON, call -> OpenApi.document(table.get(0), version)));
        table.add(List.copyOf(routes));
        return table.get(0);
    }
}
