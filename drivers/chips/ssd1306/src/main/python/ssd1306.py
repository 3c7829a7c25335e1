# Solomon Systech SSD1306 OLED controller (128x64 or 128x32 panels) on I2C or SPI.
#
# The display object is a framebuf.FrameBuffer in MONO_VLSB layout, which is the
# controller's own GDDRAM layout (one byte = eight rows of one column, bit 0 on top),
# so show() sends the buffer as it is, with horizontal addressing over the panel's
# column and page window. Command codes are those of the SSD1306 datasheet, section 10.

import framebuf
from micropython import const

__version__ = "1.0"

_SET_LOW_COLUMN = const(0x00)
_SET_MEMORY_MODE = const(0x20)
_SET_COLUMN_WINDOW = const(0x21)
_SET_PAGE_WINDOW = const(0x22)
_SET_START_LINE = const(0x40)
_SET_CONTRAST = const(0x81)
_SET_CHARGE_PUMP = const(0x8D)
_SET_SEGMENT_REMAP = const(0xA0)
_FOLLOW_RAM = const(0xA4)
_SET_NORMAL = const(0xA6)
_SET_MULTIPLEX = const(0xA8)
_DISPLAY_OFF = const(0xAE)
_DISPLAY_ON = const(0xAF)
_SET_COM_SCAN = const(0xC0)
_SET_DISPLAY_OFFSET = const(0xD3)
_SET_CLOCK = const(0xD5)
_SET_PRECHARGE = const(0xD9)
_SET_COM_PINS = const(0xDA)
_SET_VCOM_DESELECT = const(0xDB)

_CONTROL_COMMAND = const(0x80)  # Co=1, D/C#=0: one command byte follows
_CONTROL_DATA = const(0x40)     # Co=0, D/C#=1: data bytes up to the stop

ADDRESS = const(0x3C)


class SSD1306(framebuf.FrameBuffer):
    """The panel logic; subclasses send commands and data over their bus."""

    def __init__(self, width, height, external_vcc=False):
        if height not in (16, 32, 48, 64) or not 1 <= width <= 128:
            raise ValueError("panel size")
        self.width = width
        self.height = height
        self.external_vcc = external_vcc
        self.pages = height // 8
        self.buffer = bytearray(self.pages * width)
        super().__init__(self.buffer, width, height, framebuf.MONO_VLSB)
        self.init_display()

    def init_display(self):
        tall = self.height == 64 or (self.height == 48 and self.width == 64)
        for command in (
            (_DISPLAY_OFF,),
            (_SET_CLOCK, 0x80),
            (_SET_MULTIPLEX, self.height - 1),
            (_SET_DISPLAY_OFFSET, 0),
            (_SET_START_LINE | 0,),
            (_SET_CHARGE_PUMP, 0x10 if self.external_vcc else 0x14),
            (_SET_MEMORY_MODE, 0x00),         # horizontal addressing
            (_SET_SEGMENT_REMAP | 1,),        # column 0 on SEG127: upright on common modules
            (_SET_COM_SCAN | 0x08,),          # scan from COM[N-1] to COM0
            (_SET_COM_PINS, 0x12 if tall else 0x02),
            (_SET_CONTRAST, 0x9F if self.external_vcc else 0xCF),
            (_SET_PRECHARGE, 0x22 if self.external_vcc else 0xF1),
            (_SET_VCOM_DESELECT, 0x30),
            (_FOLLOW_RAM,),
            (_SET_NORMAL,),
        ):
            self.write_command(*command)
        self.fill(0)
        self.show()
        self.write_command(_DISPLAY_ON)

    def poweroff(self):
        self.write_command(_DISPLAY_OFF)

    def poweron(self):
        self.write_command(_DISPLAY_ON)

    def contrast(self, value):
        self.write_command(_SET_CONTRAST, value & 0xFF)

    def invert(self, inverted):
        self.write_command(_SET_NORMAL | (1 if inverted else 0))

    def rotate(self, upside_down):
        self.write_command(_SET_COM_SCAN | (0 if upside_down else 0x08))
        self.write_command(_SET_SEGMENT_REMAP | (0 if upside_down else 1))

    def show(self):
        # narrow panels sit in the middle of the controller's 128 columns
        first = (128 - self.width) // 2 if self.width < 128 else 0
        self.write_command(_SET_COLUMN_WINDOW, first, first + self.width - 1)
        self.write_command(_SET_PAGE_WINDOW, 0, self.pages - 1)
        self.write_data(self.buffer)


class SSD1306_I2C(SSD1306):
    def __init__(self, width, height, i2c, addr=ADDRESS, external_vcc=False):
        self.i2c = i2c
        self.addr = addr
        self._command = bytearray(2)
        self._data_prefix = bytes((_CONTROL_DATA,))
        super().__init__(width, height, external_vcc)

    def write_command(self, *codes):
        c = self._command
        c[0] = _CONTROL_COMMAND
        for code in codes:
            c[1] = code
            self.i2c.writeto(self.addr, c)

    def write_data(self, data):
        # control byte and pixels in one transfer, without copying the buffer
        self.i2c.writevto(self.addr, (self._data_prefix, data))


class SSD1306_SPI(SSD1306):
    def __init__(self, width, height, spi, dc, res, cs, external_vcc=False, baudrate=10_000_000):
        self.spi = spi
        self.baudrate = baudrate
        self.dc = dc
        self.res = res
        self.cs = cs
        dc.init(dc.OUT, value=0)
        cs.init(cs.OUT, value=1)
        if res is not None:
            import time
            res.init(res.OUT, value=1)
            time.sleep_ms(1)
            res(0)
            time.sleep_ms(10)
            res(1)
        super().__init__(width, height, external_vcc)

    def _send(self, command, payload):
        self.spi.init(baudrate=self.baudrate, polarity=0, phase=0)
        self.dc(0 if command else 1)
        self.cs(0)
        self.spi.write(payload)
        self.cs(1)

    def write_command(self, *codes):
        self._send(True, bytes(codes))

    def write_data(self, data):
        self._send(False, data)
