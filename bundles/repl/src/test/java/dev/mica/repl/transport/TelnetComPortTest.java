package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class TelnetComPortTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] readAll(TelnetComPort port) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int b = port.input().read(); b >= 0; b = port.input().read()) {
            data.write(b);
        }
        return data.toByteArray();
    }

    @Test
    void doubledIacIsOneDataByteAndCommandsAreTakenOut() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        TelnetComPort port = new TelnetComPort(new BufferedInputStream(new ByteArrayInputStream(
                bytes('a', 255, 255, 'b', 255, 241, 'c', 255, 250, 44, 12, 1, 255, 240, 'd'))), wire);
        assertArrayEquals(bytes('a', 255, 'b', 'c', 'd'), readAll(port));
        // PURGE-DATA answered as SERVER-PURGE-DATA with the same value
        assertArrayEquals(bytes(255, 250, 44, 112, 1, 255, 240), wire.toByteArray());
    }

    @Test
    void dataOutHasItsIacDoubled() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        TelnetComPort port = new TelnetComPort(new ByteArrayInputStream(new byte[0]), wire);
        port.output().write(bytes('x', 255, 'y', 255));
        port.output().write(255);
        assertArrayEquals(bytes('x', 255, 255, 'y', 255, 255, 255, 255), wire.toByteArray());
    }

    @Test
    void optionsAreAgreedOnceAndUnknownOnesRefused() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        TelnetComPort port = new TelnetComPort(new BufferedInputStream(new ByteArrayInputStream(
                bytes(255, 253, 0, 255, 253, 0, 255, 253, 24, 255, 251, 31, 255, 251, 44))), wire);
        assertEquals(0, readAll(port).length);
        assertArrayEquals(bytes(255, 251, 0, // WILL BINARY, once
                255, 252, 24, // WONT TERMINAL-TYPE
                255, 254, 31, // DONT NAWS
                255, 253, 44, // DO COM-PORT-OPTION
                255, 250, 44, 107, TelnetComPort.MODEM_STATE, 255, 240), // the modem lines
                wire.toByteArray());
    }

    @Test
    void baudRateIsConfirmedAndAZeroAsksForTheCurrentOne() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        TelnetComPort port = new TelnetComPort(new BufferedInputStream(new ByteArrayInputStream(
                bytes(255, 250, 44, 1, 0, 0, 0x25, 0x80, 255, 240, 255, 250, 44, 1, 0, 0, 0, 0, 255, 240))), wire);
        readAll(port);
        assertEquals(9600, port.baudRate());
        assertArrayEquals(bytes(255, 250, 44, 101, 0, 0, 0x25, 0x80, 255, 240, 255, 250, 44, 101, 0, 0, 0x25, 0x80,
                255, 240), wire.toByteArray());
    }

    @Test
    void carriageReturnNulFromAClientWithoutBinaryIsACarriageReturn() throws IOException {
        TelnetComPort port = new TelnetComPort(new BufferedInputStream(new ByteArrayInputStream(
                bytes('a', '\r', 0, 'b'))), new ByteArrayOutputStream());
        assertArrayEquals(bytes('a', '\r', 'b'), readAll(port));
    }
}
