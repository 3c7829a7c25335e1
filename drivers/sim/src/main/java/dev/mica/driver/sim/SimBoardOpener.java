package dev.mica.driver.sim;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import dev.mica.hal.StandaloneBoard;

/**
 * Opens the simulated board without OSGi (for {@code bin/mica -X board=sim[:file]}): with no
 * argument the default board, else the board and chips of a properties file as
 * {@link SimBoard#fromProperties} reads it.
 */
public final class SimBoardOpener implements StandaloneBoard.Opener {
    @Override
    public String kind() {
        return "sim";
    }

    @Override
    public StandaloneBoard open(String argument) {
        if (argument.isEmpty()) {
            return SimBoard.create(Map.of());
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(argument), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no board file " + argument, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the board file " + argument + ": " + e.getMessage(), e);
        }
        return SimBoard.fromProperties(properties);
    }
}
