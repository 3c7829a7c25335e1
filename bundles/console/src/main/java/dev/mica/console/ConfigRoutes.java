package dev.mica.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.mica.gateway.api.AppControl;

/**
 * The apps' settings as the gateway's Config Admin configurations (factory PID
 * {@value AppControl#APP_FACTORY_PID}, one per app, found by its {@code name}). A change is
 * checked by the gateway's own parser first, so a refused one is answered with 400 and the
 * gateway's reasons and never reaches Config Admin.
 */
final class ConfigRoutes {
    private final ConfigurationAdmin configurationAdmin;
    private final AppControl apps;

    ConfigRoutes(ConfigurationAdmin configurationAdmin, AppControl apps) {
        this.configurationAdmin = configurationAdmin;
        this.apps = apps;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/config/apps", Access.VIEWER, "Every app configuration of Config Admin",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> all()),
                new Route("GET", "/apps/{name}/config", Access.VIEWER,
                        "The app's configuration (empty when it runs with the defaults)", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, this::read),
                new Route("PUT", "/apps/{name}/config", Access.ADMIN,
                        "Replace the app's configuration: {properties: {autostart, restart, heapsize, ...}}; "
                                + "400 with the gateway's reasons when it would be refused; applies at the next start",
                        Route.Body.JSON, List.of(), Route.Produces.JSON, this::write),
                new Route("DELETE", "/apps/{name}/config", Access.ADMIN,
                        "Delete the app's configuration: the defaults apply at its next start", Route.Body.NONE,
                        List.of(), Route.Produces.JSON, this::delete));
    }

    private List<Map<String, Object>> all() throws IOException, InvalidSyntaxException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Configuration configuration : list(null)) {
            out.add(json(configuration));
        }
        return out;
    }

    private Object read(ApiCall call) throws IOException, InvalidSyntaxException {
        String name = checkedName(call);
        Configuration found = find(name);
        if (found == null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pid", null);
            out.put("properties", Map.of());
            return out;
        }
        return json(found);
    }

    private Object write(ApiCall call) throws IOException, InvalidSyntaxException {
        String name = checkedName(call);
        Object given = call.jsonBody().get("properties");
        if (!(given instanceof Map<?, ?> map)) {
            throw new ApiException(400, "'properties' must be an object");
        }
        Map<String, Object> properties = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            properties.put(entry.getKey().toString(), configValue(entry.getKey().toString(), entry.getValue()));
        }
        Object named = properties.putIfAbsent("name", name);
        if (named != null && !name.equals(named)) {
            throw new ApiException(400, "configuration refused", List.of("'name' must be the app's name " + name
                    + ": '" + named + "'"));
        }
        List<String> problems = apps.checkConfiguration(properties);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "configuration refused", problems);
        }
        Configuration configuration = find(name);
        if (configuration == null) {
            configuration = configurationAdmin.getFactoryConfiguration(AppControl.APP_FACTORY_PID, name, "?");
        } else {
            keepFileInstallLink(configuration, properties);
        }
        configuration.update(new Hashtable<>(properties));
        Map<String, Object> out = json(configuration);
        out.put("note", "the new settings apply at the app's next start");
        return out;
    }

    private Object delete(ApiCall call) throws IOException, InvalidSyntaxException {
        String name = checkedName(call);
        Configuration found = find(name);
        if (found == null) {
            throw new NoSuchElementException("the app " + name + " has no configuration");
        }
        found.delete();
        return Map.of("deleted", found.getPid(), "note", "the defaults apply at the app's next start");
    }

    /**
     * Keeps FileInstall's note of the {@code .cfg} file a configuration came from, so that
     * FileInstall writes the change back into that file instead of forgetting it.
     */
    private static void keepFileInstallLink(Configuration configuration, Map<String, Object> properties) {
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null) {
            for (String key : Collections.list(current.keys())) {
                if (key.startsWith("felix.fileinstall.")) {
                    properties.put(key, current.get(key));
                }
            }
        }
    }

    private String checkedName(ApiCall call) {
        String name = call.path("name");
        if (!apps.isValidAppName(name)) {
            throw new ApiException(400, "not an app name: '" + name + "'");
        }
        return name;
    }

    private Configuration find(String name) throws IOException, InvalidSyntaxException {
        List<Configuration> found = list("(name=" + name + ")");
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Configuration> list(String extraFilter) throws IOException, InvalidSyntaxException {
        String filter = "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + AppControl.APP_FACTORY_PID + ")";
        if (extraFilter != null) {
            filter = "(&" + filter + extraFilter + ")";
        }
        Configuration[] found = configurationAdmin.listConfigurations(filter);
        return found == null ? List.of() : List.of(found);
    }

    private static Map<String, Object> json(Configuration configuration) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", configuration.getPid());
        Map<String, Object> properties = new TreeMap<>();
        Dictionary<String, Object> dictionary = configuration.getProperties();
        if (dictionary != null) {
            for (String key : Collections.list(dictionary.keys())) {
                if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                    properties.put(key, dictionary.get(key));
                }
            }
        }
        out.put("properties", properties);
        return out;
    }

    /** A JSON value as Config Admin can hold it: lists become String arrays, objects are refused. */
    static Object configValue(String key, Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        if (value instanceof Map<?, ?> || value == null) {
            throw new ApiException(400, "configuration refused",
                    List.of("'" + key + "' must be a string, number, boolean or list"));
        }
        return value;
    }
}
