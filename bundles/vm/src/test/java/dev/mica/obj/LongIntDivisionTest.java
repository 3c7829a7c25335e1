package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Floor division of long ints whose quotient is small takes the estimated path; it must agree with long division. */
class LongIntDivisionTest {
    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        return ((PyInt) PyInt.bigOp(Ops.FLOOR_DIVIDE, a, b)).toBig();
    }

    @Test
    void smallQuotientsAgreeWithLongDivision() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            BigInteger b = new BigInteger(64 + random.nextInt(2000), random).setBit(63);
            BigInteger q = BigInteger.valueOf(random.nextInt(1 << random.nextInt(31)));
            BigInteger r = new BigInteger(b.bitLength(), random).mod(b);
            BigInteger a = b.multiply(q).add(r);
            for (BigInteger[] pair : new BigInteger[][] {{a, b}, {a.add(BigInteger.ONE), b}, {b.multiply(q), b},
                    {b.multiply(q).subtract(BigInteger.ONE), b}, {b.subtract(BigInteger.ONE), b}, {a, a}}) {
                BigInteger expected = pair[0].subtract(pair[0].mod(pair[1])).divide(pair[1]); // floor
                assertEquals(expected, floorDiv(pair[0], pair[1]), pair[0] + " // " + pair[1]);
            }
        }
    }

    @Test
    void quotientsTheLeadingBitsCannotDecideAreStillExact() {
        // divisors whose dropped low bits are all ones or all zeros put a / b right at an integer
        Random random = new Random(7);
        for (int length : new int[] {64, 65, 100, 127, 128, 129, 1000}) {
            for (BigInteger b : new BigInteger[] {BigInteger.ONE.shiftLeft(length).subtract(BigInteger.ONE),
                    BigInteger.ONE.shiftLeft(length - 1), BigInteger.ONE.shiftLeft(length - 1).add(BigInteger.ONE)}) {
                for (int i = 0; i < 200; i++) {
                    BigInteger q = BigInteger.valueOf(1 + random.nextInt(Integer.MAX_VALUE));
                    for (BigInteger a : new BigInteger[] {b.multiply(q), b.multiply(q).subtract(BigInteger.ONE),
                            b.multiply(q).add(b).subtract(BigInteger.ONE), b.multiply(q).add(BigInteger.ONE)}) {
                        BigInteger expected = a.subtract(a.mod(b)).divide(b);
                        assertEquals(expected, floorDiv(a, b), a + " // " + b);
                    }
                }
            }
        }
    }

    @Test
    void otherCasesAreLeftToLongDivision() {
        BigInteger big = BigInteger.ONE.shiftLeft(200);
        assertNull(PyInt.smallQuotient(big.negate(), big.shiftRight(3)));
        assertNull(PyInt.smallQuotient(big, BigInteger.valueOf(3)));
        assertNull(PyInt.smallQuotient(big, big.shiftRight(40)));
        assertEquals(BigInteger.valueOf(-9), floorDiv(big.multiply(BigInteger.valueOf(-8)).subtract(BigInteger.ONE), big));
        assertEquals(BigInteger.ONE.shiftLeft(40), floorDiv(big, big.shiftRight(40)));
    }

    @Test
    void oneCharacterStringsAreSharedAndCostNoHeap() {
        assertEquals(PyStr.ofCodePoint('a'), PyStr.ofCodePoint('a'));
        assertEquals(true, PyStr.ofCodePoint(0xe9) == PyStr.ofCodePoint(0xe9));
        assertEquals(0, PyStr.ofCodePoint('z').heapBytes());
        assertEquals("\u20ac", PyStr.ofCodePoint(0x20ac).value());
        assertEquals("\ud83d\ude00", PyStr.ofCodePoint(0x1f600).value());
    }
}
