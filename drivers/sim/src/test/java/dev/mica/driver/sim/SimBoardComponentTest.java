package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.mica.hal.DisplayView;
import dev.mica.hal.HalProperties;
import dev.mica.hal.I2cBus;

/** The services the board component registers, and how a chip's display view follows the chip's configuration. */
class SimBoardComponentTest {
    /** A service as the fake framework holds it. */
    private record Registered(String type, Object service, Dictionary<String, ?> properties) {
    }

    private final List<Registered> registry = Collections.synchronizedList(new ArrayList<>());

    /** A bundle context that only registers and unregisters services, into {@link #registry}. */
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new AssertionError("unexpected call of BundleContext." + method.getName());
                    }
                    String type = args[0] instanceof Class<?> c ? c.getName() : (String) args[0];
                    @SuppressWarnings("unchecked")
                    Registered entry = new Registered(type, args[1], (Dictionary<String, ?>) args[2]);
                    registry.add(entry);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p, m, a) -> {
                                if (!m.getName().equals("unregister")) {
                                    throw new AssertionError("unexpected call of ServiceRegistration." + m.getName());
                                }
                                if (!registry.remove(entry)) {
                                    throw new IllegalStateException("already unregistered");
                                }
                                return null;
                            });
                });
    }

    private List<Registered> of(Class<?> type) {
        synchronized (registry) {
            return registry.stream().filter(r -> r.type().equals(type.getName())).toList();
        }
    }

    @Test
    void aDisplaysViewComesAndGoesWithItsChipConfiguration() {
        SimBoardComponent component = new SimBoardComponent();
        component.activate(context(), new HashMap<>(Map.of("i2c", "0,1")));
        assertEquals(2, of(I2cBus.class).size());
        assertEquals(List.of(), of(DisplayView.class));

        Object first = new Object();
        Object second = new Object();
        component.putChip(first, Map.of("type", "ssd1306", "bus", "1"));
        component.putChip(second, Map.of("type", "ssd1306", "bus", "0", "address", "0x3d", "height", "32"));
        component.putChip(new Object(), Map.of("type", "bme280", "bus", "1"));
        List<Registered> views = of(DisplayView.class);
        assertEquals(2, views.size());
        Registered onBus1 = views.get(0);
        assertEquals("sim", onBus1.properties().get(HalProperties.BOARD));
        assertEquals("1", onBus1.properties().get(HalProperties.BUS));
        assertEquals("ssd1306", onBus1.properties().get(HalProperties.CHIP));
        assertEquals(0x3C, onBus1.properties().get(HalProperties.ADDRESS));
        assertEquals(0x3D, views.get(1).properties().get(HalProperties.ADDRESS));
        assertEquals(32, ((DisplayView) views.get(1).service()).height());

        // a changed configuration puts a new display in the old one's place
        component.putChip(first, Map.of("type", "ssd1306", "bus", "1", "height", "32"));
        views = of(DisplayView.class);
        assertEquals(2, views.size());
        assertTrue(views.stream().noneMatch(r -> r.service() == onBus1.service()), "the old display's view is gone");

        component.removeChip(second);
        assertEquals(List.of("1"), of(DisplayView.class).stream().map(r -> r.properties().get(HalProperties.BUS)).toList());

        // a board rebuilt with other buses carries the chip over, with a new view
        Object before = of(DisplayView.class).get(0).service();
        component.modified(new HashMap<>(Map.of("i2c", "1")));
        assertEquals(1, of(I2cBus.class).size());
        List<Registered> rebuilt = of(DisplayView.class);
        assertEquals(1, rebuilt.size());
        assertNotSame(before, rebuilt.get(0).service());
        assertTrue(component.board().chips().stream().anyMatch(c -> c.display().orElse(null) == rebuilt.get(0).service()));

        component.deactivate();
        assertEquals(List.of(), registry);
    }
}
