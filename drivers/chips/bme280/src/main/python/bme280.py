# Bosch BME280 humidity, pressure and temperature sensor on I2C.
#
# Register map, trimming layout and the integer compensation formulas follow the
# BME280 datasheet (sections 4.2.2, 4.2.3 and 5.4); results are returned in the
# datasheet's own fixed-point units by read_compensated() and as floats by read().

import time
from micropython import const

__version__ = "1.0"

ADDRESS = const(0x76)
ADDRESS_ALT = const(0x77)
CHIP_ID = const(0x60)

_REG_CALIB_00 = const(0x88)   # 0x88..0xA1: T1..T3, P1..P9, (0xA0 reserved), H1
_REG_ID = const(0xD0)
_REG_RESET = const(0xE0)
_REG_CALIB_26 = const(0xE1)   # 0xE1..0xE7: H2..H6
_REG_CTRL_HUM = const(0xF2)
_REG_STATUS = const(0xF3)
_REG_CTRL_MEAS = const(0xF4)
_REG_CONFIG = const(0xF5)
_REG_DATA = const(0xF7)       # press[19:0], temp[19:0], hum[15:0], most significant first

_RESET_WORD = const(0xB6)
_STATUS_MEASURING = const(0x08)
_STATUS_IM_UPDATE = const(0x01)

MODE_SLEEP = const(0)
MODE_FORCED = const(1)
MODE_NORMAL = const(3)

# oversampling settings (osrs_x register codes)
OSAMPLE_SKIP = const(0)
OSAMPLE_1 = const(1)
OSAMPLE_2 = const(2)
OSAMPLE_4 = const(3)
OSAMPLE_8 = const(4)
OSAMPLE_16 = const(5)

_OSAMPLE_FACTOR = (0, 1, 2, 4, 8, 16)


def _u16(block, i):
    return block[i] | block[i + 1] << 8


def _s16(block, i):
    v = block[i] | block[i + 1] << 8
    return v - 0x10000 if v & 0x8000 else v


def _s12(v):
    return v - 0x1000 if v & 0x800 else v


class BME280:
    def __init__(self, i2c, address=ADDRESS, temperature=OSAMPLE_1, pressure=OSAMPLE_1,
                 humidity=OSAMPLE_1, mode=MODE_FORCED, iir_filter=0):
        self.i2c = i2c
        self.address = address
        chip = self._read(_REG_ID, 1)[0]
        if chip != CHIP_ID:
            raise OSError("BME280 not found: chip id 0x%02x at 0x%02x" % (chip, address))
        self._buf1 = bytearray(1)
        self._raw = bytearray(8)
        self._wait_for_nvm()
        self._load_calibration()
        self.t_fine = 0
        self.configure(temperature, pressure, humidity, mode, iir_filter)

    def _read(self, register, n):
        return self.i2c.readfrom_mem(self.address, register, n)

    def _write(self, register, value):
        self._buf1[0] = value
        self.i2c.writeto_mem(self.address, register, self._buf1)

    def _wait_for_nvm(self):
        # after power-on or reset the trimming values are copied from NVM first
        for _ in range(50):
            if not self._read(_REG_STATUS, 1)[0] & _STATUS_IM_UPDATE:
                return
            time.sleep_ms(1)
        raise OSError("BME280 NVM copy did not finish")

    def _load_calibration(self):
        a = self._read(_REG_CALIB_00, 26)
        self.dig_t1 = _u16(a, 0)
        self.dig_t2 = _s16(a, 2)
        self.dig_t3 = _s16(a, 4)
        self.dig_p1 = _u16(a, 6)
        self.dig_p = [_s16(a, 8 + 2 * i) for i in range(8)]  # P2..P9
        self.dig_h1 = a[25]
        b = self._read(_REG_CALIB_26, 7)
        self.dig_h2 = _s16(b, 0)
        self.dig_h3 = b[2]
        self.dig_h4 = _s12(b[3] << 4 | b[4] & 0x0F)
        self.dig_h5 = _s12(b[5] << 4 | b[4] >> 4)
        self.dig_h6 = b[6] - 256 if b[6] & 0x80 else b[6]

    def reset(self):
        self._write(_REG_RESET, _RESET_WORD)
        time.sleep_ms(2)
        self._wait_for_nvm()

    def configure(self, temperature=OSAMPLE_1, pressure=OSAMPLE_1, humidity=OSAMPLE_1,
                  mode=MODE_FORCED, iir_filter=0, standby=0):
        """Oversampling codes, mode, IIR filter code (0..4) and normal-mode standby code (0..7)."""
        self._osrs = (temperature, pressure, humidity)
        self.mode = mode
        # the sensor takes osrs_h only with the next write of ctrl_meas
        self._write(_REG_CTRL_MEAS, MODE_SLEEP)
        self._write(_REG_CONFIG, (standby & 7) << 5 | (iir_filter & 7) << 2)
        self._write(_REG_CTRL_HUM, humidity & 7)
        self._write(_REG_CTRL_MEAS, self._ctrl_meas(MODE_SLEEP if mode == MODE_FORCED else mode))

    def _ctrl_meas(self, mode):
        t, p, _ = self._osrs
        return (t & 7) << 5 | (p & 7) << 2 | mode

    def measurement_time_ms(self):
        """The longest time one measurement takes (datasheet, appendix B)."""
        t, p, h = (_OSAMPLE_FACTOR[min(c, 5)] for c in self._osrs)
        us = 1250 + 2300 * t + (2300 * p + 575 if p else 0) + (2300 * h + 575 if h else 0)
        return (us + 999) // 1000

    def read_raw(self):
        """(adc_T, adc_P, adc_H) of the last measurement; starts one first in forced mode."""
        if self.mode == MODE_FORCED:
            self._write(_REG_CTRL_MEAS, self._ctrl_meas(MODE_FORCED))
            time.sleep_ms(self.measurement_time_ms())
            for _ in range(100):
                if not self._read(_REG_STATUS, 1)[0] & _STATUS_MEASURING:
                    break
                time.sleep_ms(1)
        self.i2c.readfrom_mem_into(self.address, _REG_DATA, self._raw)
        r = self._raw
        adc_p = r[0] << 12 | r[1] << 4 | r[2] >> 4
        adc_t = r[3] << 12 | r[4] << 4 | r[5] >> 4
        adc_h = r[6] << 8 | r[7]
        return adc_t, adc_p, adc_h

    def _temperature(self, adc_t):
        t1 = self.dig_t1
        var1 = (((adc_t >> 3) - (t1 << 1)) * self.dig_t2) >> 11
        d = (adc_t >> 4) - t1
        var2 = (((d * d) >> 12) * self.dig_t3) >> 14
        self.t_fine = var1 + var2
        return (self.t_fine * 5 + 128) >> 8

    def _pressure(self, adc_p):
        p2, p3, p4, p5, p6, p7, p8, p9 = self.dig_p
        var1 = self.t_fine - 128000
        var2 = var1 * var1 * p6 + ((var1 * p5) << 17) + (p4 << 35)
        var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12)
        var1 = (((1 << 47) + var1) * self.dig_p1) >> 33
        if var1 == 0:
            return 0
        p = 1048576 - adc_p
        p = (((p << 31) - var2) * 3125) // var1
        var1 = (p9 * (p >> 13) * (p >> 13)) >> 25
        var2 = (p8 * p) >> 19
        return ((p + var1 + var2) >> 8) + (p7 << 4)

    def _humidity(self, adc_h):
        v = self.t_fine - 76800
        v = ((((adc_h << 14) - (self.dig_h4 << 20) - self.dig_h5 * v) + 16384) >> 15) * (
            ((((((v * self.dig_h6) >> 10) * (((v * self.dig_h3) >> 11) + 32768)) >> 10) + 2097152)
             * self.dig_h2 + 8192) >> 14)
        v -= ((((v >> 15) * (v >> 15)) >> 7) * self.dig_h1) >> 4
        v = 0 if v < 0 else 419430400 if v > 419430400 else v
        return v >> 12

    def read_compensated(self):
        """(temperature in 0.01 degC, pressure in Pa as Q24.8, humidity in %RH as Q22.10)."""
        adc_t, adc_p, adc_h = self.read_raw()
        t = self._temperature(adc_t)
        p = self._pressure(adc_p) if self._osrs[1] else None
        h = self._humidity(adc_h) if self._osrs[2] else None
        return t, p, h

    def read(self):
        """(temperature in degC, pressure in hPa, relative humidity in %) as floats."""
        t, p, h = self.read_compensated()
        return (t / 100, None if p is None else p / 25600, None if h is None else h / 1024)

    @property
    def temperature(self):
        return self.read()[0]

    @property
    def pressure(self):
        return self.read()[1]

    @property
    def humidity(self):
        return self.read()[2]
