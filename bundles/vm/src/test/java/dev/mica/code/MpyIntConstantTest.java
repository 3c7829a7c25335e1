package dev.mica.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Int constants of a .mpy file: the same value as BigInteger's parse, without its quadratic time. */
class MpyIntConstantTest {
    @Test
    void sameValueAsBigInteger() {
        Random random = new Random(3);
        for (int length : new int[] {1, 9, 999, 1000, 1001, 2500, 7777}) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < length; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String s = digits.toString();
            assertEquals(new BigInteger(s), MpyReader.parseInt(s), s);
            assertEquals(new BigInteger("-" + s), MpyReader.parseInt("-" + s));
            assertEquals(new BigInteger(s), MpyReader.parseInt("+" + s));
        }
    }

    @Test
    void onlyDecimalDigits() {
        for (String bad : new String[] {"", "-", "12a", "0x10", "1 2", "\u0661"}) {
            assertThrows(NumberFormatException.class, () -> MpyReader.parseInt(bad), bad);
        }
    }

    @Test
    void aMillionDigitsInSeconds() {
        // new BigInteger(String) takes minutes here
        String digits = "7".repeat(1_000_000);
        BigInteger v = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> MpyReader.parseInt(digits));
        assertEquals(BigInteger.valueOf(7), v.mod(BigInteger.TEN));
        assertEquals(1_000_000, v.toString().length());
    }
}
