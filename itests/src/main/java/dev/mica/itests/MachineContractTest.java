package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One suite of {@code machine} programs, each with the output it must print, run in Felix on
 * every board driver: the simulated board ({@code dev.mica.driver.sim}) and the Pi4J driver on
 * Pi4J's mock platform ({@code dev.mica.driver.pi4j}, {@code platform=mock}, with the simulated
 * board's bundle stopped so that every service a program reaches is the Pi4J driver's). The
 * programs and outputs are the same for both; a {@link Board} gives only what differs
 * physically, as Python constants put before each program:
 * <ul>
 * <li>{@code IN_IS_OUT}: whether the input that sees the edges of output {@code 'OUT'} is that
 * pin itself. On the simulated board {@code 'IN'} is a separate pin wired to it; on the mock
 * nothing connects two lines, but a Pi4J output reports its own changes as edges.</li>
 * <li>{@code SPI_ECHO}: what MISO brings back. The simulated bus has MOSI jumpered to MISO
 * ({@code 'loopback'}: each byte as it is sent); Pi4J's MockSpi answers each transfer with the
 * bytes clocked out before it, oldest first ({@code 'previous'}; after a reconfiguration the
 * device is new and answers zeros).</li>
 * <li>{@code REG_ADDR}: an I2C device with byte registers, each read back once after it was
 * written (an MCP23017 on the simulated board; any address on the mock, which queues the bytes
 * written to a register and hands them out once). {@code MEM_ADDR}: a device with two-byte
 * memory addresses (an AT24C32 EEPROM; on the mock again any address). {@code MISSING_ADDR}:
 * an address where nothing answers.</li>
 * </ul>
 * Pin names are configured alike on both boards ({@code LED, OUT, IN, SIG, OD, PWM, MOSI,
 * MISO, SCL, SDA}), so programs and their output use names only.
 * <p>
 * Not in the suite, because Pi4J's mock platform cannot do them (they stay in the simulated
 * board's own tests): ADC (a Pi has none; {@code MachineOnSimBoardTest}), a write to an
 * absent I2C address (the mock acknowledges every address; only reads of it fail), chips with
 * datasheet behaviour (BME280, SSD1306, MCP23017 pins: {@code SimBoardAppTest},
 * {@code Mcp23017ChipTest}).
 */
class MachineContractTest {
    /** Helpers every program may use: waiting for a condition (interrupts arrive on their own). */
    private static final String COMMON = """
            import time
            def wait_until(done, ms=5000):
                deadline = time.ticks_add(time.ticks_ms(), ms)
                while not done() and time.ticks_diff(deadline, time.ticks_ms()) > 0:
                    time.sleep_ms(1)
            """;

    /** Where both boards' profiles put the devices the programs use (the same on both). */
    private static final String BUSES = """
            I2C_BUS = 1
            REG_ADDR = 0x20
            MEM_ADDR = 0x50
            MISSING_ADDR = 0x51
            SPI_BUS = 0
            UART_ID = 0
            """;

    /** A board driver set up as an operator would, and the constants its programs need. */
    enum Board {
        SIM("""
                IN_IS_OUT = False
                SPI_ECHO = 'loopback'
                """ + BUSES) {
            private SimBoards sim;

            @Override
            void start() throws Exception {
                sim = new SimBoards();
                sim.configureBoard(Map.of("pins", 32,
                        "pin.names", "LED=25, OUT=5, IN=6, SIG=7, OD=8, SCL=12, SDA=13, MOSI=10, MISO=11, PWM=15",
                        "wire", "5->6", "i2c", "0,1", "spi", "0,1", "uart", "0,1", "uart.loopback", true,
                        "pwm.pins", "15"));
                sim.addChip(Map.of("type", "mcp23017", "bus", "1", "address", "0x20"));
                sim.addChip(Map.of("type", "at24c32", "bus", "1", "address", "0x50"));
                sim.awaitChip("mcp23017", "1");
                sim.awaitChip("at24c32", "1");
            }

            @Override
            void stop() throws Exception {
                sim.close();
            }
        },

        PI4J_MOCK("""
                IN_IS_OUT = True
                SPI_ECHO = 'previous'
                """ + BUSES) {
            private static final String PID = "dev.mica.driver.pi4j";
            private Configuration configuration;
            private Bundle simBundle;

            @Override
            void start() throws Exception {
                simBundle = Bundles.bundle(SimBoards.BUNDLE);
                simBundle.stop();
                configuration = Reflect.withService(ConfigurationAdmin.class.getName(), null,
                        admin -> ((ConfigurationAdmin) admin).getConfiguration(PID, "?"));
                configuration.update(new Hashtable<>(Map.of("platform", "mock", "board", "rpi-mock", "pins", "2-27",
                        "pin.names", "LED=17, OUT=27, IN=27, SIG=22, OD=23, SCL=5, SDA=6, MOSI=10, MISO=9, PWM=18",
                        "i2c", "1", "spi", "0", "uart", "0=/dev/serial0", "pwm.pins", "18")));
                Reflect.withService("dev.mica.hal.I2cBus", "(mica.board=rpi-mock)", bus -> null);
            }

            @Override
            void stop() throws Exception {
                try {
                    if (configuration != null) {
                        configuration.delete();
                    }
                } finally {
                    simBundle.start();
                }
            }
        };

        final String constants;

        Board(String constants) {
            this.constants = constants;
        }

        abstract void start() throws Exception;

        abstract void stop() throws Exception;
    }

    /** A program of the suite and what it prints on every board. */
    record Program(String name, String source, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Program> PROGRAMS = List.of(
            new Program("pins", """
                    from machine import Pin, Signal
                    led = Pin('LED', Pin.OUT, value=0)
                    print(led, led.value())
                    led.on(); a = led.value()
                    led.off(); b = led.value()
                    led.toggle(); c = led()
                    led(0); d = led()
                    led.value(True); e = led.value()
                    print(a, b, c, d, e)
                    led.init(Pin.IN, Pin.PULL_UP)
                    print(led, led.value())
                    led.init(mode=Pin.IN, pull=Pin.PULL_DOWN)
                    print(led, led.value())
                    led.init(Pin.OUT, value=1)
                    print(led, led.value())
                    od = Pin('OD', Pin.OPEN_DRAIN, Pin.PULL_UP, value=1)
                    print(od, od.value())
                    od.value(0); low = od.value()
                    od.value(1)
                    print(low, od.value())
                    s = Signal(Pin('SIG', Pin.OUT), invert=True)
                    s.on(); print(s.value(), Pin('SIG').value())
                    s.off(); print(s.value(), Pin('SIG').value())
                    s = Signal('SIG', Pin.OUT)
                    s.value(1); print(s.value(), Pin('SIG').value())
                    for bad in (99, 'NOPE'):
                        try:
                            Pin(bad)
                        except ValueError as e:
                            print('ValueError', e)
                    """, """
                    Pin(LED, mode=OUT) 0
                    1 0 1 0 1
                    Pin(LED, mode=IN, pull=PULL_UP) 1
                    Pin(LED, mode=IN, pull=PULL_DOWN) 0
                    Pin(LED, mode=OUT) 1
                    Pin(OD, mode=OPEN_DRAIN, pull=PULL_UP) 1
                    0 1
                    1 0
                    0 1
                    1 1
                    ValueError invalid pin
                    ValueError unknown named pin "NOPE"
                    """),
            new Program("irq", """
                    import micropython
                    from machine import Pin
                    out = Pin('OUT', Pin.OUT, value=0)
                    inp = out if IN_IS_OUT else Pin('IN', Pin.IN)
                    seen = []
                    irq = inp.irq(lambda p: seen.append(p.value()), Pin.IRQ_RISING | Pin.IRQ_FALLING)
                    print('trigger', irq.trigger() == Pin.IRQ_RISING | Pin.IRQ_FALLING)
                    for n in range(2):
                        out.on(); wait_until(lambda: len(seen) == 2 * n + 1)
                        out.off(); wait_until(lambda: len(seen) == 2 * n + 2)
                    print('soft', seen)
                    inp.irq(handler=None)
                    out.on(); out.off()
                    time.sleep_ms(30)
                    print('disabled', len(seen))
                    # a hard handler runs with the heap locked: it stores into what exists
                    hard = [None] * 6
                    count = [0]
                    def on_fall(p):
                        depth = micropython.heap_unlock()  # 0 after undoing the handler's lock
                        micropython.heap_lock()
                        try:
                            bytearray(16)
                            allocated = 'allocated'
                        except MemoryError:
                            allocated = 'MemoryError'
                        n = count[0]
                        if n < len(hard):  # edges past the awaited ones are not recorded
                            hard[n] = depth
                            hard[n + 1] = p.irq().flags()
                            hard[n + 2] = allocated
                            count[0] = n + 3
                    inp.irq(on_fall, Pin.IRQ_FALLING, hard=True)
                    for n in range(2):
                        out.on(); time.sleep_ms(2)
                        out.off(); wait_until(lambda: count[0] == 3 * n + 3)
                    print('hard', hard, Pin.IRQ_FALLING)
                    inp.irq(None)
                    """, """
                    trigger True
                    soft [1, 0, 1, 0]
                    disabled 4
                    hard [0, 4, 'MemoryError', 0, 4, 'MemoryError'] 4
                    """),
            new Program("i2c", """
                    from machine import I2C
                    i2c = I2C(I2C_BUS)
                    print('writeto', i2c.writeto(REG_ADDR, b'\\x03\\x00'))
                    print('scan', REG_ADDR in i2c.scan())
                    i2c.writeto_mem(REG_ADDR, 0x02, b'\\x42\\x17')
                    print('readfrom_mem', i2c.readfrom_mem(REG_ADDR, 0x02, 2))
                    i2c.writeto_mem(REG_ADDR, 0x06, b'\\x5a\\xa5')
                    buf = bytearray(2)
                    print('readfrom_mem_into', i2c.readfrom_mem_into(REG_ADDR, 0x06, buf), buf)
                    print('writevto', i2c.writevto(REG_ADDR, (b'\\x0c', b'\\x33', b'\\x44')))
                    print('writeto no stop', i2c.writeto(REG_ADDR, b'\\x0c', False))
                    print('readfrom', i2c.readfrom(REG_ADDR, 2))
                    i2c.writevto(REG_ADDR, (b'\\x14', b'\\x81\\x18'))
                    i2c.writeto(REG_ADDR, b'\\x14', False)
                    buf = bytearray(2)
                    print('readfrom_into', i2c.readfrom_into(REG_ADDR, buf), buf)
                    i2c.writeto_mem(MEM_ADDR, 0x0100, b'mica', addrsize=16)
                    print('addrsize=16', i2c.readfrom_mem(MEM_ADDR, 0x0100, 4, addrsize=16))
                    for f in (lambda: i2c.readfrom(MISSING_ADDR, 1), lambda: i2c.readfrom_mem(MISSING_ADDR, 0, 1),
                              lambda: i2c.readfrom_into(MISSING_ADDR, bytearray(2)), lambda: I2C(7).scan()):
                        try:
                            f()
                        except OSError as e:
                            print('OSError', e.errno)
                    """, """
                    writeto 2
                    scan True
                    readfrom_mem b'B\\x17'
                    readfrom_mem_into None bytearray(b'Z\\xa5')
                    writevto 3
                    writeto no stop 1
                    readfrom b'3D'
                    readfrom_into None bytearray(b'\\x81\\x18')
                    addrsize=16 b'mica'
                    OSError 19
                    OSError 19
                    OSError 19
                    OSError 19
                    """),
            new Program("spi", """
                    from machine import SPI
                    spi = SPI(SPI_BUS, baudrate=1000000, polarity=0, phase=0)
                    previous = bytes(3)  # what MISO brings back on the mock after a reconfiguration
                    def check(what, got, sent):
                        global previous
                        want = sent if SPI_ECHO == 'loopback' else previous
                        previous = bytes(sent)
                        print(what, 'ok' if bytes(got) == want else 'got %s, want %s' % (bytes(got), want))
                    spi.write(b'\\x01\\x02\\x03')
                    previous = b'\\x01\\x02\\x03'
                    buf = bytearray(3)
                    spi.readinto(buf, 0xff)
                    check('readinto', buf, b'\\xff\\xff\\xff')
                    check('read', spi.read(3, 0x0f), b'\\x0f\\x0f\\x0f')
                    spi.write_readinto(b'\\x0a\\x0b\\x0c', buf)
                    check('write_readinto', buf, b'\\x0a\\x0b\\x0c')
                    buf = bytearray(b'\\x11\\x22\\x33')
                    spi.write_readinto(buf, buf)
                    check('write_readinto in place', buf, b'\\x11\\x22\\x33')
                    check('readinto default fill', spi.read(3), bytes(3))
                    spi.init(baudrate=500000, firstbit=SPI.LSB)
                    spi.write(b'\\x01\\x80\\x55')
                    previous = b'\\x01\\x80\\x55'
                    spi.write_readinto(b'\\xc3\\x3c\\x81', buf)
                    check('LSB first', buf, b'\\xc3\\x3c\\x81')
                    spi.deinit()
                    """, """
                    readinto ok
                    read ok
                    write_readinto ok
                    write_readinto in place ok
                    readinto default fill ok
                    LSB first ok
                    """),
            new Program("pwm", """
                    from machine import Pin, PWM
                    pwm = PWM(Pin('PWM'), freq=1000, duty_u16=16384)
                    print(pwm.freq(), pwm.duty_u16(), pwm.duty_ns())
                    pwm.duty_ns(250000)
                    print(pwm.duty_u16(), pwm.duty_ns())
                    pwm.freq(2000)  # the pulse width set last is kept
                    print(pwm.freq(), pwm.duty_ns(), pwm.duty_u16())
                    pwm.duty_u16(65535)
                    print(pwm.duty_u16(), pwm.duty_ns())
                    pwm.duty_ns(2000000)  # longer than the period: high all the time
                    print(pwm.duty_u16(), pwm.duty_ns())
                    pwm.init(freq=500, duty_u16=0)
                    print(pwm.freq(), pwm.duty_u16(), pwm.duty_ns())
                    pwm.deinit()
                    """, """
                    1000 16384 250004
                    16384 250000
                    2000 250000 32768
                    65535 500000
                    65535 500000
                    500 0 0
                    """),
            new Program("uart", """
                    from machine import UART
                    u = UART(UART_ID, 9600, timeout=20, timeout_char=5)
                    print(u.write(b'hello\\nworld'), u.any(), u.readline(), u.read(), u.read(4))
                    print(u.write('abc'), u.any())
                    buf = bytearray(4)
                    print(u.readinto(buf), buf)
                    u.write(b'xyz')
                    print(u.read(2), u.any(), u.read(5))
                    print(u.flush())
                    start = time.ticks_ms()
                    nothing = u.read(1)
                    print('timeout', nothing, time.ticks_diff(time.ticks_ms(), start) >= 18)
                    u.init(timeout=0)
                    print(u.read(1), u.readline())
                    """, """
                    11 11 b'hello\\n' b'world' None
                    3 3
                    3 bytearray(b'abc\\x00')
                    b'xy' 1 b'z'
                    None
                    timeout None True
                    None None
                    """),
            new Program("timer", """
                    from machine import Timer
                    hits = []
                    t = Timer(period=2, mode=Timer.ONE_SHOT, callback=lambda t: hits.append('o'))
                    wait_until(lambda: 'o' in hits, 3000)
                    time.sleep_ms(20)
                    print('one-shot', hits.count('o'))
                    p = Timer(-1, period=5, callback=lambda t: hits.append('p'))
                    wait_until(lambda: hits.count('p') >= 3, 3000)
                    p.deinit()
                    n = hits.count('p')
                    print('periodic', n >= 3)
                    time.sleep_ms(30)
                    print('stopped', hits.count('p') == n)
                    print(p)
                    """, """
                    one-shot 1
                    periodic True
                    stopped True
                    Timer(mode=PERIODIC, period=5)
                    """),
            new Program("soft buses", """
                    from machine import Pin, SoftSPI, SoftI2C
                    out = Pin('OUT', Pin.OUT, value=0)
                    inp = out if IN_IS_OUT else Pin('IN', Pin.IN)
                    clocks = [0]
                    def count(p):
                        clocks[0] += 1
                    inp.irq(count, Pin.IRQ_RISING, hard=True)
                    # SCK is the output whose edges are seen; nothing drives MISO. One byte: its
                    # eight clocks fit the interpreter's queue of hard handlers, which fills
                    # while the transfer runs (the JVM runs no handler inside a native call)
                    spi = SoftSPI(baudrate=100000, polarity=0, phase=0, sck=out, mosi=Pin('MOSI'), miso=Pin('MISO'))
                    buf = bytearray(1)
                    spi.write_readinto(b'\\xa5', buf)
                    wait_until(lambda: clocks[0] >= 8, 2000)
                    print('softspi', buf, clocks[0])
                    inp.irq(None)
                    i2c = SoftI2C(scl=Pin('SCL'), sda=Pin('SDA'), freq=100000)
                    print('softi2c scan', i2c.scan())
                    try:
                        i2c.writeto(0x3C, b'x')
                    except OSError as e:
                        print('OSError', e.errno)
                    print(Pin('SCL'), Pin('SCL').value(), Pin('SDA').value())
                    """, """
                    softspi bytearray(b'\\x00') 8
                    softi2c scan []
                    OSError 19
                    Pin(SCL, mode=OPEN_DRAIN, pull=PULL_UP) 1 1
                    """));

    private static Board active;

    /** Every program on every board, a board's programs together so that it is set up once. */
    static Stream<Arguments> programsOnBoards() {
        List<Arguments> all = new ArrayList<>();
        for (Board board : Board.values()) {
            for (Program program : PROGRAMS) {
                all.add(Arguments.of(board, program));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("programsOnBoards")
    void printsTheSameOnEveryBoard(Board board, Program program) throws Exception {
        use(board);
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals(program.expected(), py.run(board.constants + COMMON + program.source()), board + ": " + program);
        }
    }

    private static void use(Board board) throws Exception {
        if (active != board) {
            release();
            active = board; // stopped afterwards even if it starts only halfway
            board.start();
        }
    }

    @AfterAll
    static void release() throws Exception {
        if (active != null) {
            Board last = active;
            active = null;
            last.stop();
        }
    }
}
