package dev.mica.driver.sim;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One simulated chip per factory configuration of {@value #FACTORY_PID}, e.g.
 * {@code type=bme280, bus=1, address=0x76}. Changing the environment values of a configuration
 * updates the chip in place, so a running app reads the new values at its next measurement.
 */
@Component(configurationPid = SimChipComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = SimChipConfig.class, factory = true)
public final class SimChipComponent {
    static final String FACTORY_PID = "dev.mica.driver.sim.chip";

    private final SimBoardComponent board;

    @Activate
    public SimChipComponent(@Reference SimBoardComponent board, Map<String, Object> properties) {
        this.board = board;
        board.putChip(this, properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        board.putChip(this, properties);
    }

    @Deactivate
    void deactivate() {
        board.removeChip(this);
    }
}
