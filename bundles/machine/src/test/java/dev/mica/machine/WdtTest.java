package dev.mica.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * machine.WDT: a watchdog that is fed lets the program run; one that is not resets it (the
 * run ends as machine.reset() ends it, whatever the program catches), and the host learns why.
 */
class WdtTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Interpreter interpreter = new MicaInterpreterFactory().create(InterpreterConfig.standard()
            .withStreams(new ByteArrayInputStream(new byte[0]), out, out));

    private RunResult run(String program) {
        out.reset();
        return interpreter.runSource(program, "<test>");
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWatchdogThatIsNotFedResetsABusyProgramWhateverItCatches() {
        long started = System.nanoTime();
        RunResult result = run("""
                from machine import WDT
                wdt = WDT(timeout=200)
                print('started')
                try:
                    while True:
                        try:
                            pass
                        except BaseException:
                            print('caught')
                finally:
                    print('finally')
                """);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(RunResult.systemExit(0), result, output());
        assertEquals("started\n", output());
        assertEquals("watchdog timeout (200 ms)", interpreter.resetCause());
        assertTrue(millis >= 200 && millis < 5000, millis + " ms");
        interpreter.close();
    }

    @Test
    void aSleepingProgramIsResetAndTheInterpreterRunsAgainAfterwards() {
        long started = System.nanoTime();
        RunResult result = run("""
                import time, machine
                machine.WDT(0, 100)
                time.sleep(30)
                print('not reached')
                """);
        assertEquals(RunResult.systemExit(0), result, output());
        assertTrue(System.nanoTime() - started < 10_000_000_000L);
        // the next run starts afresh: no reset pending, and a new watchdog can be started
        assertEquals(RunResult.COMPLETED, run("""
                import machine
                w = machine.WDT(timeout=5000)
                w.feed()
                print('again')
                """), output());
        assertEquals("again\n", output());
        assertNull(interpreter.resetCause());
        interpreter.close();
    }

    @Test
    void feedingKeepsTheProgramRunningAndTheTimeoutCanChange() {
        assertEquals(RunResult.COMPLETED, run("""
                import time
                from machine import WDT
                wdt = WDT(timeout=150)
                for i in range(30):
                    time.sleep_ms(20)
                    wdt.feed()
                same = WDT(timeout=300)
                print(same is wdt)
                wdt.timeout_ms(400)
                for i in range(10):
                    time.sleep_ms(100)
                    wdt.feed()
                print('fed')
                """), output());
        assertEquals("True\nfed\n", output());
        interpreter.close();
    }

    @Test
    void badIdsAndTimeoutsAreValueErrors() {
        run("""
                from machine import WDT
                for args in ((1,), (0, 0), (0, -5)):
                    try:
                        WDT(*args)
                    except ValueError as e:
                        print(e)
                """);
        assertEquals("WDT(1) doesn't exist\nWDT timeout too short\nWDT timeout too short\n", output());
        interpreter.close();
    }
}
