package dev.mica.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Without a board, machine has the unix port's hardware-free part. */
class MachineWithoutBoardTest {
    private static void assertOutput(String expected, String program) {
        PythonRun run = PythonRun.of(program);
        assertEquals(expected, run.out, run.err);
    }

    @Test
    void offersNoHardwareClasses() {
        assertOutput("""
                ['PinBase', 'RTC', 'Signal', 'Timer', 'WDT', '__name__', 'bitstream', 'disable_irq', 'enable_irq', 'idle', 'mem16', 'mem32', 'mem8', 'soft_reset', 'time_pulse_us']
                """, """
                import machine
                print(sorted(dir(machine)))
                """);
    }

    @Test
    void memReadsAndWritesLiveBuffersOnly() {
        assertOutput("""
                <8-bit memory> <32-bit memory>
                0x4030201 0x201
                bytearray(b'\\xff\\x02\\x03\\x04\\x00\\x00\\xad\\xde')
                ValueError address 00010001 is not aligned to 4 bytes
                ValueError
                """, """
                import machine, uctypes
                print(machine.mem8, machine.mem32)
                b = bytearray(b'\\x01\\x02\\x03\\x04\\x00\\x00\\x00\\x00')
                a = uctypes.addressof(b)
                print(hex(machine.mem32[a]), hex(machine.mem16[a]))
                machine.mem8[a] = 0x1ff
                machine.mem16[a + 6] = 0xdead
                print(b)
                try:
                    machine.mem32[0x10001]
                except ValueError as e:
                    print('ValueError', e)
                try:
                    machine.mem8[4]
                except ValueError:
                    print('ValueError')
                """);
    }

    @Test
    void signalOverPinBaseAndPulseTiming() {
        assertOutput("""
                set True
                1 0
                -2 -1
                [1, 0, 1, 0] [True, False, True, False, False, False, False, False]
                """, """
                import machine
                class P(machine.PinBase):
                    def __init__(self, v=0):
                        self.v = v
                    def value(self, v=None):
                        if v is None:
                            return self.v
                        self.v = int(v)
                s = machine.Signal(P(), invert=True)
                s.off()
                print('set', s.value() == 0)
                p = P(1)
                print(p.value(), machine.Signal(p, invert=True)())
                print(machine.time_pulse_us(P(0), 1, 50), machine.time_pulse_us(P(1), 1, 50))
                import time
                levels = []
                class Recorder(machine.PinBase):
                    def value(self, v=None):
                        levels.append((int(v), time.ticks_us()))
                # a one is high for at least 3 ms, a zero for no time at all
                machine.bitstream(Recorder(), 0, (0, 0, 3000000, 0), b'\\xa0')
                highs = [time.ticks_diff(levels[i + 1][1], levels[i][1]) >= 3000 for i in range(0, 16, 2)]
                print([v for v, t in levels[:4]], highs)
                """);
    }

    @Test
    void rtcKeepsTheTimeItWasSetTo() {
        assertOutput("""
                (2030, 6, 15, 5, 12, 30)
                """, """
                from machine import RTC
                r = RTC()
                r.datetime((2030, 6, 15, 0, 12, 30, 5, 0))
                print(RTC().datetime()[:6])
                """);
    }
}
