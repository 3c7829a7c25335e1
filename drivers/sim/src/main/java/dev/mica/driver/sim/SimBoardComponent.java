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
 * {@link SimChipComponent}s are attached here, so they survive a rebuild of the board.
 * Wires and ADC voltages change live; other changes rebuild the board.
 */
@Component(configurationPid = SimBoardComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = SimBoardComponent.class, immediate = true)
@Designate(ocd = SimBoardConfig.class)
public final class SimBoardComponent {
    static final String PID = "dev.mica.driver.sim.board";

    private ServiceRegistrations registrations;
    private final Map<Object, Map<String, ?>> chipConfigs = new LinkedHashMap<>();
    private final Map<Object, SimChip> chips = new LinkedHashMap<>();
    private SimBoard board;

    @Activate
    synchronized void activate(BundleContext bundleContext, Map<String, Object> properties) {
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
                existing.detach();
                chips.remove(key);
            }
            chips.put(key, board.attachChip(config));
        }
        chipConfigs.put(key, config);
    }

    synchronized void removeChip(Object key) {
        chipConfigs.remove(key);
        SimChip chip = chips.remove(key);
        if (chip != null) {
            chip.detach();
        }
    }

    private void build(Map<String, ?> properties) {
        board = SimBoard.create(properties);
        chipConfigs.forEach((key, config) -> chips.put(key, board.attachChip(config)));
        board.services().forEach(this::register);
    }

    private <S> void register(HalService<S> service) {
        registrations.register(service.type(), service.service(), service.properties());
    }

    private void tearDown() {
        registrations.unregisterAll();
        chips.clear();
        if (board != null) {
            board.close();
            board = null;
        }
    }
}
