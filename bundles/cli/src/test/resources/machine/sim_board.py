# machine over the simulated bench board (board.properties); run with
#   bin/mica -X board=sim:board.properties sim_board.py
import time
import machine
from machine import Pin, Signal, I2C, SPI, UART, PWM, ADC, Timer

# Pin: a wired output drives an input, whose IRQ handler is scheduled
out = Pin(5, Pin.OUT, value=0)
inp = Pin(6, Pin.IN, Pin.PULL_DOWN)
edges = []
inp.irq(lambda p: edges.append(p.value()), Pin.IRQ_RISING | Pin.IRQ_FALLING)
def wait_for(items, n):
    deadline = time.ticks_add(time.ticks_ms(), 2000)
    while len(items) < n and time.ticks_diff(deadline, time.ticks_ms()) > 0:
        time.sleep_ms(1)
for n, level in enumerate((1, 0, 1)):
    out.value(level)
    wait_for(edges, n + 1)
print("edges", edges, inp.value())
inp.irq(None)

led = Signal(Pin("LED", Pin.OUT), invert=True)
led.on()
print("led", led.value(), Pin(25).value())

# I2C: the chips answer at their addresses
bus0, bus1 = I2C(0), I2C(1)
print("scan", [hex(a) for a in bus0.scan()], [hex(a) for a in bus1.scan()])
print("bme280 id", hex(bus1.readfrom_mem(0x76, 0xD0, 1)[0]))

# ADS1115: single conversion of AIN0 against GND, +-4.096 V range
bus0.writeto_mem(0x48, 0x01, bytes([0b11000011, 0b10000011]))
while not bus0.readfrom_mem(0x48, 0x01, 2)[0] & 0x80:
    time.sleep_ms(1)
raw = int.from_bytes(bus0.readfrom_mem(0x48, 0x00, 2), "big")
print("ads1115 volts", round(raw * 4.096 / 32768, 2))

# MCP23017: port B pin 0 is driven high from outside (inputs=8=1)
print("mcp23017 GPIOB", bus0.readfrom_mem(0x20, 0x13, 1)[0] & 1)

# SSD1306: commands and data are acknowledged byte by byte
print("ssd1306 acks", bus1.writeto(0x3C, b"\x00\xae\xaf"), bus1.writeto(0x3C, b"\x40" + bytes(16)))

try:
    bus1.readfrom(0x50, 1)
except OSError as e:
    print("no device", e.errno)

# UART loops TX back to RX
u = UART(1, 115200, timeout=10)
u.write(b"ping\npong")
print("uart", u.any(), u.readline(), u.read())

# PWM and ADC
pwm = PWM(Pin(15), freq=500, duty_u16=32768)
print("pwm", pwm.freq(), pwm.duty_u16(), pwm.duty_ns())
print("adc", ADC(Pin(26)).read_u16())

# SPI: with no device driving MISO, the simulated bus reads back what it sends
spi = SPI(0, baudrate=2_000_000)
buf = bytearray(3)
spi.write_readinto(b"abc", buf)
print("spi", spi, buf)

# Timer callbacks run between bytecodes
ticks = []
t = Timer(period=10, mode=Timer.PERIODIC, callback=lambda t: ticks.append(1))
wait_for(ticks, 3)
t.deinit()
print("timer", len(ticks) >= 3)

print("unique_id", len(machine.unique_id()))
