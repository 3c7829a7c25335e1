package dev.mica.console;

import java.util.List;

/** The HAL service interfaces a driver may register. */
final class HalTypes {
    static final List<String> NAMES = List.of(dev.mica.hal.GpioController.class.getName(),
            dev.mica.hal.I2cBus.class.getName(), dev.mica.hal.SpiBus.class.getName(), dev.mica.hal.Uart.class.getName(),
            dev.mica.hal.PwmChannel.class.getName(), dev.mica.hal.AdcChannel.class.getName(),
            dev.mica.hal.DisplayView.class.getName());

    private HalTypes() {
    }
}
