package dev.mica.driver.sim;

/**
 * The trimming parameters a BME280 carries in NVM, and their layout in registers 0x88..0xA1
 * and 0xE1..0xE7 (datasheet table 16). Unsigned/signed widths as the datasheet gives them.
 */
record Bme280Calibration(int t1, int t2, int t3,
        int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
        int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Values as read from a typical production part. */
    static final Bme280Calibration TYPICAL = new Bme280Calibration(
            28485, 26735, 50,
            39064, -10858, 3024, 7799, -99, -7, 9900, -10230, 4285,
            75, 359, 0, 340, 0, 30);

    /** Registers 0x88..0xA1 (26 bytes; 0xA0 is reserved). */
    byte[] block88() {
        byte[] block = new byte[26];
        int[] words = {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9};
        for (int i = 0; i < words.length; i++) {
            block[2 * i] = (byte) words[i];           // little endian
            block[2 * i + 1] = (byte) (words[i] >> 8);
        }
        block[25] = (byte) h1;
        return block;
    }

    /** Registers 0xE1..0xE7: H2 (LE), H3, then the two 12-bit values H4/H5 sharing 0xE5. */
    byte[] blockE1() {
        return new byte[] {
            (byte) h2, (byte) (h2 >> 8),
            (byte) h3,
            (byte) (h4 >> 4), (byte) ((h4 & 0x0F) | ((h5 & 0x0F) << 4)), (byte) (h5 >> 4),
            (byte) h6,
        };
    }
}
