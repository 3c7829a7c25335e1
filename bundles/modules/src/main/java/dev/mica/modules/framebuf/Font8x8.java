package dev.mica.modules.framebuf;

/**
 * The 8x8 font FrameBuffer.text draws: MicroPython's "petme128" glyphs for the characters 32 to
 * 127 (127 stands for every character outside that range). Each glyph is 16 hex digits, eight
 * rows from top to bottom; in a row byte the most significant bit is the leftmost pixel.
 */
final class Font8x8 {
    private Font8x8() {}

    static final int FIRST = 32;
    static final int LAST = 127;

    private static final String GLYPHS =
            "0000000000000000181818180000180066666600000000006666ff66ff666600183e603c067c180062660c1830664600" + // ' ' '!' '"' '#' '$' '%'
            "3c663c3867663f00060c1800000000000c18303030180c0030180c0c0c18300000663cff3c6600000018187e18180000" + // '&' "'" '(' ')' '*' '+'
            "00000000001818300000007e0000000000000000001818000003060c183060003c666e7666663c001818381818187e00" + // ',' '-' '.' '/' '0' '1'
            "3c66060c30607e003c66061c06663c00060e1e667f0606007e607c0606663c003c66607c66663c007e660c1818181800" + // '2' '3' '4' '5' '6' '7'
            "3c66663c66663c003c66663e06663c00000018000018000000001800001818300e18306030180e0000007e007e000000" + // '8' '9' ':' ';' '<' '='
            "70180c060c1870003c66060c180018003c666e6e60623c00183c667e666666007c66667c66667c003c66606060663c00" + // '>' '?' '@' 'A' 'B' 'C'
            "786c6666666c78007e60607860607e007e606078606060003c66606e66663c006666667e666666003c18181818183c00" + // 'D' 'E' 'F' 'G' 'H' 'I'
            "1e0c0c0c0c6c3800666c7870786c66006060606060607e0063777f6b6363630066767e7e6e6666003c66666666663c00" + // 'J' 'K' 'L' 'M' 'N' 'O'
            "7c66667c606060003c666666663c0e007c66667c786c66003c66603c06663c007e181818181818006666666666663c00" + // 'P' 'Q' 'R' 'S' 'T' 'U'
            "66666666663c18006363636b7f77630066663c183c6666006666663c181818007e060c1830607e003c30303030303c00" + // 'V' 'W' 'X' 'Y' 'Z' '['
            "006030180c0603003c0c0c0c0c0c3c0000183c6600000000000000000000ffff30180c000000000000003c063e663e00" + // '\\' ']' '^' '_' '`' 'a'
            "60607c6666667c0000003c6660663c0006063e6666663e0000003c667e603e001c3630783030300000003e66663e067c" + // 'b' 'c' 'd' 'e' 'f' 'g'
            "60607c66666666001800181818181800060006060606663c6060666c787c66003818181818183c00000063777f6b6300" + // 'h' 'i' 'j' 'k' 'l' 'm'
            "00007c666666660000003c6666663c0000007c66667c606000003e66663e060600007c666060600000003c603c067c00" + // 'n' 'o' 'p' 'q' 'r' 's'
            "3030fc3030361c000000666666663c0000006666663c18000000636b7f3622000000663c183c660000006666663e067c" + // 't' 'u' 'v' 'w' 'x' 'y'
            "00007e0c18307e000e18187018180e0018181818181818187018180e181870003b6e00000000000055aa55aa55aa55aa"; // 'z' '{' '|' '}' '~' DEL

    private static final byte[] ROWS = decode();

    private static byte[] decode() {
        byte[] rows = new byte[GLYPHS.length() / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (byte) Integer.parseInt(GLYPHS.substring(2 * i, 2 * i + 2), 16);
        }
        return rows;
    }

    /** True when the glyph of character {@code c} (FIRST..LAST) has pixel ({@code x}, {@code y}) set. */
    static boolean isSet(int c, int x, int y) {
        return (ROWS[(c - FIRST) * 8 + y] & (0x80 >> x)) != 0;
    }
}
