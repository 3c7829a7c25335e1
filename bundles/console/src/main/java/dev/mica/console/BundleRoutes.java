package dev.mica.console;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework's bundles and the drivers among them (bundles that register HAL services):
 * list, install, update, uninstall, start, stop. An update or uninstall is followed by a
 * refresh of the bundles wired to it, as FileInstall does, which is what swaps a driver or a
 * runtime bundle under running apps. The system bundle and the console itself are left alone.
 */
final class BundleRoutes {
    static final long REFRESH_TIMEOUT_SECONDS = 60;
    private static final String[] STATES = {"UNINSTALLED", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "ACTIVE"};

    private final BundleContext context;

    BundleRoutes(BundleContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/bundles", Access.VIEWER, "The framework's bundles with their state",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> bundles()),
                new Route("POST", "/bundles", Access.ADMIN, "Install a bundle (the body is the jar) and start it",
                        Route.Body.BINARY, List.of(new Route.Param("start", "false to leave it installed only", false)),
                        Route.Produces.JSON, this::install),
                new Route("PUT", "/bundles/{id}", Access.ADMIN,
                        "Update a bundle from the jar in the body, then refresh the bundles wired to it",
                        Route.Body.BINARY, List.of(), Route.Produces.JSON, this::update),
                new Route("DELETE", "/bundles/{id}", Access.ADMIN, "Uninstall a bundle, then refresh",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, this::uninstall),
                new Route("POST", "/bundles/{id}/start", Access.ADMIN, "Start a bundle", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, call -> lifecycle(call, true)),
                new Route("POST", "/bundles/{id}/stop", Access.ADMIN, "Stop a bundle", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, call -> lifecycle(call, false)),
                new Route("GET", "/drivers", Access.VIEWER,
                        "The bundles that offer hardware (HAL) services, with the services and their properties",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> drivers()));
    }

    private List<Map<String, Object>> bundles() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            out.add(json(bundle));
        }
        return out;
    }

    static Map<String, Object> json(Bundle bundle) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", bundle.getBundleId());
        out.put("symbolicName", bundle.getSymbolicName());
        out.put("version", bundle.getVersion().toString());
        out.put("name", bundle.getHeaders("").get(Constants.BUNDLE_NAME));
        out.put("state", state(bundle.getState()));
        out.put("location", bundle.getLocation());
        out.put("lastModified", bundle.getLastModified());
        return out;
    }

    private static String state(int state) {
        int index = Integer.numberOfTrailingZeros(state);
        return index < STATES.length ? STATES[index] : Integer.toString(state);
    }

    private Object install(ApiCall call) throws Exception {
        byte[] jar = call.bodyBytes();
        Bundle bundle;
        try {
            bundle = context.installBundle("console:" + UUID.randomUUID(), new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            throw new ApiException(e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR ? 409 : 400,
                    "not installed: " + e.getMessage());
        }
        String message = "installed";
        if (!"false".equals(call.query("start"))) {
            message = start(bundle);
        }
        Map<String, Object> out = json(bundle);
        out.put("result", message);
        return out;
    }

    private Object update(ApiCall call) throws Exception {
        Bundle bundle = changeable(call);
        byte[] jar = call.bodyBytes();
        try {
            bundle.update(new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            throw new ApiException(400, "not updated: " + e.getMessage());
        }
        Map<String, Object> out = json(bundle);
        out.put("result", "updated; " + refresh(bundle));
        return out;
    }

    private Object uninstall(ApiCall call) throws Exception {
        Bundle bundle = changeable(call);
        Map<String, Object> out = json(bundle);
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new ApiException(409, "not uninstalled: " + e.getMessage());
        }
        out.put("state", "UNINSTALLED");
        out.put("result", "uninstalled; " + refresh(bundle));
        return out;
    }

    private Object lifecycle(ApiCall call, boolean start) {
        Bundle bundle = changeable(call);
        String message;
        if (start) {
            message = start(bundle);
        } else {
            try {
                bundle.stop();
                message = "stopped";
            } catch (BundleException e) {
                throw new ApiException(409, "not stopped: " + e.getMessage());
            }
        }
        Map<String, Object> out = json(bundle);
        out.put("result", message);
        return out;
    }

    private static String start(Bundle bundle) {
        if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return "installed (a fragment is not started)";
        }
        try {
            bundle.start();
            return "started";
        } catch (BundleException e) {
            throw new ApiException(409, "installed but not started: " + e.getMessage());
        }
    }

    /** The bundle named by the path, unless it is the framework or the console itself. */
    private Bundle changeable(ApiCall call) {
        long id;
        try {
            id = Long.parseLong(call.path("id"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "a bundle id is a whole number: '" + call.path("id") + "'");
        }
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new NoSuchElementException("no bundle " + id);
        }
        if (id == 0 || bundle.equals(context.getBundle())) {
            throw new ApiException(409, "the " + (id == 0 ? "framework" : "console")
                    + " bundle is not changed through the console; use the shell or the load/ folder");
        }
        return bundle;
    }

    /**
     * Refreshes the bundles wired to this one and waits for the refresh, unless the console
     * itself is among them (it would wait for its own restart): then the refresh only starts.
     */
    private String refresh(Bundle bundle) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        Collection<Bundle> closure = wiring.getDependencyClosure(List.of(bundle));
        if (closure.contains(context.getBundle())) {
            wiring.refreshBundles(List.of(bundle));
            return "refreshing " + closure.size() + " bundles, the console among them: log in again in a moment";
        }
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        };
        wiring.refreshBundles(List.of(bundle), listener);
        return done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS) ? "refreshed " + closure.size() + " bundles"
                : "the refresh of " + closure.size() + " bundles is still going on";
    }

    private List<Map<String, Object>> drivers() throws Exception {
        Map<Long, Map<String, Object>> byBundle = new LinkedHashMap<>();
        for (String type : HalTypes.NAMES) {
            ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
            if (references == null) {
                continue;
            }
            for (ServiceReference<?> reference : references) {
                Bundle bundle = reference.getBundle();
                if (bundle == null) {
                    continue;
                }
                Map<String, Object> driver = byBundle.computeIfAbsent(bundle.getBundleId(), k -> {
                    Map<String, Object> out = json(bundle);
                    out.put("services", new ArrayList<Map<String, Object>>());
                    return out;
                });
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("type", type.substring(type.lastIndexOf('.') + 1));
                for (String key : reference.getPropertyKeys()) {
                    if (key.startsWith("mica.")) {
                        service.put(key, reference.getProperty(key));
                    }
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> services = (List<Map<String, Object>>) driver.get("services");
                services.add(service);
            }
        }
        return new ArrayList<>(byBundle.values());
    }
}
