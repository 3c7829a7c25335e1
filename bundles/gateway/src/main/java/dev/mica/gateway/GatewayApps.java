package dev.mica.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.gateway.api.AppInterpreters;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RecordMethodCaches;

/**
 * The gateway's apps in the framework: an {@link AppManager} over the configured storage folder,
 * fed with the {@code dev.mica.app} configurations, and offered as a service to the shell
 * commands. A new gateway configuration or a new interpreter factory restarts every app (the
 * component is activated anew); deactivation stops them all.
 */
// the manager is registered by hand, so bnd cannot see it: declared for the resolver, which
// otherwise finds the commands' reference to it unsatisfied
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.gateway.AppManager")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.gateway.api.AppInterpreters")
@Component(configurationPid = GatewayApps.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = GatewayConfiguration.class)
public class GatewayApps {
    static final String PID = "dev.mica.gateway";
    static final String GATEWAY_LOGGER = "dev.mica.gateway";
    /** How long a stopping program may take to end before its interpreter is closed under it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a {@code mica:exec} statement may run before it is interrupted. */
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(10);

    @Reference
    private InterpreterFactory interpreterFactory;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private final OsgiLoggers loggers = new OsgiLoggers();
    private ExecutorScheduler scheduler;
    private AppManager manager;
    private ServiceRegistration<ManagedServiceFactory> configurations;
    private ServiceRegistration<AppManager> managerRegistration;
    private ServiceRegistration<AppInterpreters> appInterpretersRegistration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLoggerFactory(LoggerFactory factory) {
        loggers.bind(factory);
    }

    void unbindLoggerFactory(LoggerFactory factory) {
        loggers.unbind(factory);
    }

    @Activate
    void activate(BundleContext context, GatewayConfiguration config) {
        AppLog gatewayLog = new ConsoleAndLogServiceAppLog("gateway", System.out, () -> loggers.get(GATEWAY_LOGGER));
        LogLimits limits;
        try {
            limits = new LogLimits(config.log_lines(), config.log_file_size(), config.log_file_count());
        } catch (IllegalArgumentException e) {
            gatewayLog.warning("configuration " + PID + ": " + e.getMessage() + "; the defaults are used");
            limits = LogLimits.DEFAULT;
        }
        scheduler = new ExecutorScheduler();
        AppContext appContext = new AppContext(interpreterFactory, AppContext.threadPerRun(), scheduler,
                Clock.systemUTC(), STOP_GRACE, EXEC_TIMEOUT);
        manager = new AppManager(new StorageLayout(Path.of(config.storage())), appContext, limits,
                name -> new ConsoleAndLogServiceAppLog(name, System.out,
                        () -> loggers.get(ConsoleAndLogServiceAppLog.loggerName(name))),
                gatewayLog);
        manager.start(existingAppConfigurations(gatewayLog));

        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, AppFactoryConfigurations.FACTORY_PID);
        // Config Admin hands over the configurations read above once more: taking them again changes nothing
        configurations = context.registerService(ManagedServiceFactory.class, new AppFactoryConfigurations(manager),
                properties);
        managerRegistration = context.registerService(AppManager.class, manager, null);
        appInterpretersRegistration = context.registerService(AppInterpreters.class,
                new ManagedAppInterpreters(manager), null);
    }

    @Deactivate
    void deactivate() {
        appInterpretersRegistration.unregister();
        managerRegistration.unregister();
        configurations.unregister();
        manager.shutdown();
        scheduler.close();
        // the gateway's records link through the JDK, which would keep this revision (and the vm
        // revision it is wired to) reachable after an update
        RecordMethodCaches.release();
    }

    private Map<String, Map<String, ?>> existingAppConfigurations(AppLog gatewayLog) {
        Map<String, Map<String, ?>> byPid = new LinkedHashMap<>();
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + AppFactoryConfigurations.FACTORY_PID + ")");
            if (found != null) {
                for (Configuration configuration : found) {
                    byPid.put(configuration.getPid(), AppFactoryConfigurations.toMap(configuration.getProperties()));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            gatewayLog.error("cannot read the app configurations; they apply when Config Admin delivers them", e);
        }
        return byPid;
    }
}
