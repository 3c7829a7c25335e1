package dev.mica.chip.ssd1306;

import java.util.List;
import java.util.Properties;

import dev.mica.driver.sim.SimBoard;
import dev.mica.driver.sim.SimChip;
import dev.mica.hal.StandaloneBoard;

/**
 * A board kind for the tests ({@code inspected:KEY=VALUE;...}): a simulated board, kept here
 * so that the test can look at its chips after the program ran (closing the board takes the
 * chips off its buses; they keep their state).
 */
public final class InspectedBoards implements StandaloneBoard.Opener {
    private static volatile List<SimChip> lastChips = List.of();

    @Override
    public String kind() {
        return "inspected";
    }

    @Override
    public StandaloneBoard open(String argument) {
        Properties properties = new Properties();
        for (String entry : argument.split(";")) {
            int eq = entry.indexOf('=');
            properties.setProperty(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        SimBoard board = SimBoard.fromProperties(properties);
        lastChips = List.copyOf(board.chips());
        return board;
    }

    /** The chips of the board the last program opened. */
    static List<SimChip> lastChips() {
        return lastChips;
    }
}
