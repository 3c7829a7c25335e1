package dev.mica.driver.sim;

/** The chips the simulator has, with the address a chip has when none is configured. */
enum ChipType {
    BME280(0x76), SSD1306(0x3C), MCP23017(0x20), ADS1115(0x48), AT24C32(0x50);

    final int defaultAddress;

    ChipType(int defaultAddress) {
        this.defaultAddress = defaultAddress;
    }

    /** The name used in configurations and the {@code mica.chip} property. */
    String id() {
        return name().toLowerCase();
    }

    static ChipType of(String id) {
        for (ChipType type : values()) {
            if (type.id().equalsIgnoreCase(id.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown simulated chip type: " + id);
    }
}
