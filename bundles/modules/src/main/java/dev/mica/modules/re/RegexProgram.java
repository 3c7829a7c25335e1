package dev.mica.modules.re;

/**
 * A compiled regular expression: MicroPython's re1.5 instruction set, one opcode byte followed
 * by its operand bytes, relative jumps in one signed byte. The program starts with the prefix
 * that makes a search (a lazy any-character loop) and the save of group 0's start; a match
 * starts after the loop.
 */
final class RegexProgram {
    // instructions that consume one byte of the subject
    static final byte CHAR = 1;
    static final byte ANY = 2;
    static final byte CLASS = 3;
    static final byte CLASS_NOT = 4;
    static final byte NAMED_CLASS = 5;
    // assertions
    static final byte LINE_START = 0x50;
    static final byte LINE_END = 0x51;
    // jumps with a relative offset operand
    static final byte JUMP = 0x60;
    static final byte SPLIT = 0x61;
    static final byte SPLIT_PREFER_JUMP = 0x62;
    // others
    static final byte SAVE = 0x7e;
    static final byte MATCH = 0x7f;

    /** Length of the search prefix skipped by an anchored match. */
    static final int SEARCH_PREFIX = 5;

    final byte[] code;
    /** Number of capturing groups, group 0 not counted. */
    final int groups;

    RegexProgram(byte[] code, int groups) {
        this.code = code;
        this.groups = groups;
    }

    static boolean consumes(byte op) {
        return op >= CHAR && op <= NAMED_CLASS;
    }
}
