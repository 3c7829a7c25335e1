package dev.mica.driver.pi4j;

import java.util.HashMap;
import java.util.Map;

/** Boards on Pi4J's mock platform for the tests. */
final class MockBoards {
    private MockBoards() {
    }

    static Pi4jBoard create(String... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("platform", "mock");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return Pi4jBoard.create(config);
    }
}
