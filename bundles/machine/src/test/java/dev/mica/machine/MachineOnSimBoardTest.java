package dev.mica.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine module as bin/mica offers it, over a simulated board named by -X board=. */
class MachineOnSimBoardTest {
    @TempDir
    Path dir;

    @BeforeEach
    void openBoard() throws Exception {
        Path file = dir.resolve("board.properties");
        Files.writeString(file, """
                board=sim
                pin.names=LED=25
                wire=5->6, 7->8
                pwm.pins=15
                adc.volts=0=1.65
                chip.env.type=bme280
                chip.env.bus=1
                chip.env.temperature=21.5
                chip.oled.type=ssd1306
                chip.oled.bus=1
                chip.io.type=mcp23017
                chip.io.bus=0
                """);
        System.setProperty(MachineModule.BOARD_PROPERTY, "sim:" + file);
    }

    @AfterEach
    void closeBoard() {
        System.clearProperty(MachineModule.BOARD_PROPERTY);
    }

    private static void assertOutput(String expected, String program) {
        PythonRun run = PythonRun.of(program);
        assertEquals(expected, run.out, run.err);
    }

    @Test
    void wiredOutputFiresSoftAndHardHandlers() {
        assertOutput("""
                soft [(6, 1), (6, 0)]
                hard [0, 0]
                flags 4
                after False
                """, """
                import time, micropython
                from machine import Pin
                out = Pin(5, Pin.OUT, value=0)
                inp = Pin(6, Pin.IN)
                seen = []
                inp.irq(lambda p: seen.append((6, p.value())), Pin.IRQ_RISING | Pin.IRQ_FALLING)
                def wait_for(items, n):
                    deadline = time.ticks_add(time.ticks_ms(), 2000)
                    while len(items) < n and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                        time.sleep_ms(1)
                out.on(); wait_for(seen, 1)
                out.off(); wait_for(seen, 2)
                print('soft', seen)
                locked = []
                def hard(p):
                    depth = micropython.heap_unlock()  # 0 after undoing the handler's lock
                    micropython.heap_lock()
                    locked.append(depth)
                irq = inp.irq(hard, Pin.IRQ_FALLING, hard=True)
                for n in range(2):
                    out.on(); out.off(); wait_for(locked, n + 1)
                print('hard', locked)
                print('flags', irq.flags())
                inp.irq(None)
                out.on(); time.sleep_ms(20)
                print('after', len(locked) > 2)
                """);
    }

    @Test
    void aHardHandlerPreemptsARunningSoftHandler() {
        assertOutput("""
                soft saw hard 1
                """, """
                import time
                from machine import Pin
                out5 = Pin(5, Pin.OUT, value=0)
                in6 = Pin(6, Pin.IN)
                out7 = Pin(7, Pin.OUT, value=0)
                in8 = Pin(8, Pin.IN)
                hard_hits = [0]
                def hard(p):
                    hard_hits[0] += 1
                in8.irq(hard, Pin.IRQ_RISING, hard=True)
                seen = []
                def soft(p):
                    out7.on()  # an edge for the hard handler while this soft one runs
                    n = 0
                    while hard_hits[0] == 0 and n < 200000:
                        n += 1
                    seen.append(hard_hits[0])
                in6.irq(soft, Pin.IRQ_RISING)
                out5.on()
                deadline = time.ticks_add(time.ticks_ms(), 5000)
                while not seen and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                    time.sleep_ms(1)
                print('soft saw hard', seen[0])
                """);
    }

    @Test
    void i2cFindsTheChipsAndReadsTheBme280() {
        // temperature from the raw reading and the calibration, as the datasheet computes it
        assertOutput("""
                [60, 118] [32]
                id 0x60
                calibration 24 True
                temperature 21.5
                """, """
                import time
                from machine import I2C
                i2c = I2C(1)
                print(i2c.scan(), I2C(0).scan())
                print('id', hex(i2c.readfrom_mem(0x76, 0xD0, 1)[0]))
                cal = i2c.readfrom_mem(0x76, 0x88, 24)
                t1 = cal[0] | cal[1] << 8
                def s16(v):
                    return v - 65536 if v > 32767 else v
                t2 = s16(cal[2] | cal[3] << 8)
                t3 = s16(cal[4] | cal[5] << 8)
                print('calibration', len(cal), t1 > 0)
                i2c.writeto_mem(0x76, 0xF2, b'\\x01')
                i2c.writeto_mem(0x76, 0xF4, bytes([0b00100101]))
                while i2c.readfrom_mem(0x76, 0xF3, 1)[0] & 0x08:
                    time.sleep_ms(1)
                time.sleep_ms(20)
                raw = bytearray(3)
                i2c.readfrom_mem_into(0x76, 0xFA, raw)
                adc = (raw[0] << 12) | (raw[1] << 4) | (raw[2] >> 4)
                var1 = (((adc >> 3) - (t1 << 1)) * t2) >> 11
                var2 = (((((adc >> 4) - t1) * ((adc >> 4) - t1)) >> 12) * t3) >> 14
                print('temperature', ((var1 + var2) * 5 + 128 >> 8) / 100)
                """);
    }

    @Test
    void ssd1306TakesCommandsAndPixels() {
        assertOutput("""
                2 2 1025 3
                """, """
                from machine import I2C
                i2c = I2C(1)
                a = i2c.writeto(0x3C, b'\\x00\\xAF')            # display on
                b = i2c.writevto(0x3C, (b'\\x00', b'\\x20'))     # command prefix, then memory mode
                c = i2c.writeto(0x3C, b'\\x40' + bytes(1024))  # a whole frame of pixels
                d = i2c.writeto(0x3C, b'\\x00\\x21\\x00')
                print(a, b, c, d)
                """);
    }

    @Test
    void missingDevicesAndBusesRaiseEnodev() {
        assertOutput("""
                OSError 19
                OSError 19
                ValueError invalid pin
                ValueError unknown named pin "NOPE"
                """, """
                from machine import I2C, Pin
                for f in (lambda: I2C(1).readfrom(0x50, 1), lambda: I2C(7).scan(), lambda: Pin(99), lambda: Pin('NOPE')):
                    try:
                        f()
                    except OSError as e:
                        print('OSError', e.errno)
                    except ValueError as e:
                        print('ValueError', e)
                """);
    }

    @Test
    void uartLoopsBack() {
        assertOutput("""
                11 11 b'hello\\n' b'world' None
                3 bytearray(b'abc\\x00')
                """, """
                from machine import UART
                u = UART(0, 9600, timeout=5)
                print(u.write(b'hello\\nworld'), u.any(), u.readline(), u.read(), u.read(4))
                u.write('abc')
                buf = bytearray(4)
                print(u.readinto(buf), buf)
                """);
    }

    @Test
    void timersCallBack() {
        assertOutput("""
                one-shot 1
                periodic True
                stopped True
                Timer(mode=PERIODIC, period=5)
                """, """
                import time
                from machine import Timer
                hits = []
                t = Timer(period=2, mode=Timer.ONE_SHOT, callback=lambda t: hits.append('o'))
                time.sleep_ms(30)
                print('one-shot', hits.count('o'))
                p = Timer(-1, period=5, callback=lambda t: hits.append('p'))
                deadline = time.ticks_add(time.ticks_ms(), 3000)
                while hits.count('p') < 3 and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                    time.sleep_ms(1)
                p.deinit()
                n = hits.count('p')
                print('periodic', n >= 3)
                time.sleep_ms(30)
                print('stopped', hits.count('p') == n)
                print(p)
                """);
    }

    @Test
    void signalPwmAdcAndNamedPins() {
        assertOutput("""
                0 1
                1000 16384 250000
                32768
                Pin(LED, mode=OUT) 1
                """, """
                from machine import Pin, Signal, PWM, ADC
                s = Signal(7, Pin.OUT, invert=True)
                s.on()
                print(Pin(8).value(), s.value())
                pwm = PWM(Pin(15), freq=1000, duty_u16=16384)
                print(pwm.freq(), pwm.duty_u16(), pwm.duty_ns() // 10 * 10)
                print(ADC(0).read_u16())
                led = Pin('LED', Pin.OUT)
                led.toggle()
                print(led, led())
                """);
    }

    @Test
    void softBusesToggleTheBoardsPins() {
        // MOSI (GP5) is wired to MISO (GP6); nothing answers on the SoftI2C lines
        assertOutput("""
                bytearray(b'\\xa5<') bytearray(b'\\xa5<')
                [] OSError 19
                Pin(GP2, mode=OPEN_DRAIN, pull=PULL_UP)
                """, """
                from machine import Pin, SoftSPI, SoftI2C
                received = []
                for phase in (0, 1):
                    spi = SoftSPI(baudrate=200000, polarity=phase, phase=phase, sck=Pin(10), mosi=Pin(5), miso=Pin(6))
                    buf = bytearray(2)
                    spi.write_readinto(b'\\xa5\\x3c', buf)
                    received.append(buf)
                print(*received)
                i2c = SoftI2C(scl=Pin(2), sda=Pin(3), freq=400000)
                try:
                    i2c.writeto(0x3C, b'x')
                except OSError as e:
                    print(i2c.scan(), 'OSError', e.errno)
                print(Pin(2))
                """);
    }
}
