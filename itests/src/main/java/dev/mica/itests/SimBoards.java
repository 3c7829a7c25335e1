package dev.mica.itests;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The simulated board of the {@code dev.mica.driver.sim} bundle as an operator sets it up:
 * its board configuration and one factory configuration per chip, through Config Admin; and
 * what its chips hold, read from the board component called by name ({@link Reflect}).
 * {@link #close()} deletes what was configured, which brings back the default board.
 */
final class SimBoards implements AutoCloseable {
    static final String BUNDLE = "dev.mica.driver.sim";
    static final String BOARD_PID = "dev.mica.driver.sim.board";
    static final String CHIP_FACTORY_PID = "dev.mica.driver.sim.chip";
    private static final String BOARD_COMPONENT = "dev.mica.driver.sim.SimBoardComponent";

    private final List<Configuration> made = new ArrayList<>();

    /** Sets the board's configuration (e.g. {@code wire=5->6}); wires change live. */
    void configureBoard(Map<String, ?> properties) throws Exception {
        Configuration board = admin(a -> a.getConfiguration(BOARD_PID, "?"));
        board.update(new Hashtable<>(properties));
        if (!made.contains(board)) {
            made.add(board);
        }
    }

    /** Puts a chip on a bus (e.g. {@code type=bme280, bus=1}); returns its configuration. */
    Configuration addChip(Map<String, ?> properties) throws Exception {
        Configuration chip = admin(a -> a.createFactoryConfiguration(CHIP_FACTORY_PID, "?"));
        chip.update(new Hashtable<>(properties));
        made.add(chip);
        return chip;
    }

    /** Changes a chip's configuration (the environment a sensor measures, say). */
    static void update(Configuration chip, Map<String, ?> properties) throws Exception {
        Dictionary<String, Object> next = new Hashtable<>(properties);
        chip.update(next);
    }

    /** Waits until the board has a chip of that type on that bus. */
    void awaitChip(String type, String bus) throws Exception {
        Await.until(() -> {
            try {
                return chip(type, bus).isPresent();
            } catch (Exception e) {
                return false;
            }
        }, () -> "no " + type + " on bus " + bus);
    }

    /** Waits until the board has no chip of that type on that bus (one configured before is gone). */
    void awaitNoChip(String type, String bus) throws Exception {
        Await.until(() -> {
            try {
                return chip(type, bus).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, () -> "still a " + type + " on bus " + bus);
    }

    /** The RAM of the SSD1306 on that bus, as the display controller holds it now. */
    byte[] displayRam(String bus) throws Exception {
        Object chip = chip("ssd1306", bus).orElseThrow(() -> new AssertionError("no ssd1306 on bus " + bus));
        return (byte[]) ((Optional<?>) Reflect.call(chip, "displayRam", new Class<?>[0])).orElseThrow();
    }

    /** Whether the SSD1306 on that bus lights the panel's pixel (x, y) now. */
    boolean displayLit(String bus, int x, int y) throws Exception {
        Object chip = chip("ssd1306", bus).orElseThrow(() -> new AssertionError("no ssd1306 on bus " + bus));
        return (Boolean) Reflect.call(chip, "displayLit", new Class<?>[] {int.class, int.class}, x, y);
    }

    private static Optional<Object> chip(String type, String bus) throws Exception {
        return Reflect.withService(BOARD_COMPONENT, null, component -> {
            Object board = Reflect.call(component, "board", new Class<?>[0]);
            if (board == null) {
                return Optional.empty();
            }
            for (Object chip : (List<?>) Reflect.call(board, "chips", new Class<?>[0])) {
                if (type.equals(Reflect.call(chip, "type", new Class<?>[0]))
                        && bus.equals(Reflect.call(chip, "bus", new Class<?>[0]))) {
                    return Optional.of(chip);
                }
            }
            return Optional.empty();
        });
    }

    private interface AdminCall<T> {
        T apply(ConfigurationAdmin admin) throws Exception;
    }

    private static <T> T admin(AdminCall<T> call) throws Exception {
        return Reflect.withService(ConfigurationAdmin.class.getName(), null, admin -> call.apply((ConfigurationAdmin) admin));
    }

    @Override
    public void close() throws Exception {
        for (Configuration configuration : made) {
            try {
                configuration.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // deleted by the test itself
            }
        }
        made.clear();
    }
}
