package dev.mica.driver.sim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.hal.HalService;
import dev.mica.hal.support.ServiceRegistrations;

/**
 * The simulated board in OSGi: builds a {@link SimBoard} from its configuration and registers
 * one HAL service per controller, bus and channel (their number depends on the configuration,
 * so they are registered by hand rather than declared). Chips configured by
 * {@link SimChipComponent}s are attached here, so they survive a rebuild of the board; the
 * services a chip offers ({@link SimChip#services()}: a display's view) come and go with it.
 * Wires and ADC voltages change live; other changes rebuild the board.
 */
@Component(configurationPid = SimBoardComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = SimBoardComponent.class, immediate = true)
@Designate(ocd = SimBoardConfig.class)
public final class SimBoardComponent {
    static final String PID = "dev.mica.driver.sim.board";

    private BundleContext context;
    private ServiceRegistrations registrations;
    private final Map<Object, Map<String, ?>> chipConfigs = new LinkedHashMap<>();
    private final Map<Object, SimChip> chips = new LinkedHashMap<>();
    /** The services of each attached chip (a display's view), taken down with the chip. */
    private final Map<Object, ServiceRegistrations> chipRegistrations = new LinkedHashMap<>();
    private SimBoard board;

    @Activate
    synchronized void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        registrations = new ServiceRegistrations(bundleContext);
        build(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        SimBoardSettings next = SimBoardSettings.parse(properties);
        if (next.sameStructure(board.settings())) {
            board.applyLiveSettings(next);
        } else {
            tearDown();
            build(properties);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        tearDown();
    }

    /** The board now built (null while none is), for inspecting its chips and wires. */
    public synchronized SimBoard board() {
        return board;
    }

    /** Attaches (or re-attaches, after a change) the chip configured under {@code key}. */
    synchronized void putChip(Object key, Map<String, ?> config) {
        SimChip existing = chips.get(key);
        if (existing != null && existing.samePlace(config)) {
            existing.reconfigure(config);
        } else {
            if (existing != null) {
                takeOff(key);
            }
            attach(key, config);
        }
        chipConfigs.put(key, config);
    }

    synchronized void removeChip(Object key) {
        chipConfigs.remove(key);
        takeOff(key);
    }

    private void build(Map<String, ?> properties) {
        board = SimBoard.create(properties);
        chipConfigs.forEach(this::attach); // on their buses before the buses are offered
        board.services().forEach(service -> register(registrations, service));
    }

    /** Attaches a chip and registers its services. */
    private void attach(Object key, Map<String, ?> config) {
        SimChip chip = board.attachChip(config);
        chips.put(key, chip);
        ServiceRegistrations chipServices = new ServiceRegistrations(context);
        chip.services().forEach(service -> register(chipServices, service));
        chipRegistrations.put(key, chipServices);
    }

    /** Unregisters a chip's services, then takes it off its bus. */
    private void takeOff(Object key) {
        ServiceRegistrations chipServices = chipRegistrations.remove(key);
        if (chipServices != null) {
            chipServices.unregisterAll();
        }
        SimChip chip = chips.remove(key);
        if (chip != null) {
            chip.detach();
        }
    }

    private static <S> void register(ServiceRegistrations target, HalService<S> service) {
        target.register(service.type(), service.service(), service.properties());
    }

    private void tearDown() {
        chipRegistrations.values().forEach(ServiceRegistrations::unregisterAll);
        chipRegistrations.clear();
        registrations.unregisterAll();
        chips.clear();
        if (board != null) {
            board.close();
            board = null;
        }
    }
}
