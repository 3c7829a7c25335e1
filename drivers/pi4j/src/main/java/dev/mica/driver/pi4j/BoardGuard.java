package dev.mica.driver.pi4j;

import dev.mica.hal.HalException;

/**
 * Whether the board is still open. Services stay reachable by callers that looked them up
 * before the driver went away; once closed, every call fails as the device being gone.
 */
final class BoardGuard {
    private final String board;
    private volatile boolean open = true;

    BoardGuard(String board) {
        this.board = board;
    }

    void check() {
        if (!open) {
            throw new HalException(HalException.ENODEV, "board " + board + " is closed");
        }
    }

    void close() {
        open = false;
    }
}
