package dev.mica.modules.re;

import java.util.Arrays;

import dev.mica.obj.Py;
import dev.mica.obj.PyException;

/**
 * Compiles a pattern to a {@link RegexProgram} with the syntax MicroPython's re accepts:
 * literals (a backslash makes any character literal), {@code .}, classes with ranges and
 * {@code \d \D \s \S \w \W} (also inside classes), groups and {@code (?:...)}, {@code ? * +}
 * and their lazy forms, {@code |}, {@code ^} and {@code $}. Everything is bytes (a str pattern
 * is taken as its UTF-8 encoding) and the text ends at a NUL byte, as the C string it is there.
 * Offsets and counts must fit a signed byte: a pattern that needs more is an error, as there.
 */
final class RegexCompiler {
    /** Nesting of groups deeper than this is refused before the Java stack would be. */
    private static final int MAX_NESTING = 400;

    private final byte[] pattern;
    private byte[] code = new byte[32];
    private int size;
    private int groups;
    private int nesting;

    private RegexCompiler(byte[] pattern) {
        int end = 0;
        while (end < pattern.length && pattern[end] != 0) {
            end++;
        }
        this.pattern = Arrays.copyOf(pattern, end);
    }

    static RegexProgram compile(byte[] pattern) {
        return new RegexCompiler(pattern).compileAll();
    }

    static PyException error() {
        return Py.valueError("error in regex");
    }

    private RegexProgram compileAll() {
        emit(RegexProgram.SPLIT_PREFER_JUMP);
        emit(3);
        emit(RegexProgram.ANY);
        emit(RegexProgram.JUMP);
        emit(-5);
        emit(RegexProgram.SAVE);
        emit(0);
        int stop = sequence(0);
        if (stop < pattern.length) {
            throw error(); // a ')' without its '('
        }
        emit(RegexProgram.SAVE);
        emit(1);
        emit(RegexProgram.MATCH);
        return new RegexProgram(Arrays.copyOf(code, size), groups);
    }

    /** The pattern byte at {@code i}, or 0 past its end (as the C string's terminator). */
    private byte at(int i) {
        return i < pattern.length ? pattern[i] : 0;
    }

    private static boolean isNamedClass(byte c) {
        return (c | 0x20) == 'd' || (c | 0x20) == 's' || (c | 0x20) == 'w';
    }

    private void emit(int b) {
        if (size == code.length) {
            code = Arrays.copyOf(code, size * 2);
        }
        code[size++] = (byte) b;
    }

    /** Stores an operand that must fit in a signed byte. */
    private void operand(int at, int value) {
        if (value != (byte) value) {
            throw error();
        }
        code[at] = (byte) value;
    }

    /** Opens a gap of {@code n} bytes at {@code at}. */
    private void insert(int at, int n) {
        for (int k = 0; k < n; k++) {
            emit(0);
        }
        System.arraycopy(code, at, code, at + n, size - n - at);
    }

    /** The offset of a jump whose opcode is at {@code from} to {@code to}. */
    private static int relative(int from, int to) {
        return to - from - 2;
    }

    /**
     * Compiles from {@code i} up to a ')' or the end and returns where it stopped. {@code term}
     * is where the last repeatable item starts; {@code start} is where an alternation inserts
     * its split.
     */
    private int sequence(int i) {
        if (++nesting > MAX_NESTING) {
            throw error();
        }
        int start = size;
        int term = size;
        int alternativeJump = -1;
        for (; i < pattern.length && pattern[i] != ')'; i++) {
            byte c = pattern[i];
            switch (c) {
                case '\\' -> {
                    i++;
                    if (i >= pattern.length) {
                        throw error(); // trailing backslash
                    }
                    term = size;
                    emit(isNamedClass(pattern[i]) ? RegexProgram.NAMED_CLASS : RegexProgram.CHAR);
                    emit(pattern[i]);
                }
                case '.' -> {
                    term = size;
                    emit(RegexProgram.ANY);
                }
                case '[' -> {
                    term = size;
                    i = characterClass(i + 1);
                }
                case '(' -> {
                    term = size;
                    boolean capture = at(i + 1) != '?' || at(i + 2) != ':';
                    int group = 0;
                    if (capture) {
                        group = ++groups;
                        emit(RegexProgram.SAVE);
                        emit(0);
                        operand(size - 1, 2 * group);
                    } else {
                        i += 2;
                    }
                    i = sequence(i + 1);
                    if (at(i) != ')') {
                        throw error();
                    }
                    if (capture) {
                        emit(RegexProgram.SAVE);
                        emit(0);
                        operand(size - 1, 2 * group + 1);
                    }
                }
                case '?' -> {
                    requireRepeatable(term);
                    insert(term, 2);
                    code[term] = lazy(i) ? RegexProgram.SPLIT_PREFER_JUMP : RegexProgram.SPLIT;
                    i += lazy(i) ? 1 : 0;
                    operand(term + 1, relative(term, size));
                    term = size;
                }
                case '*' -> {
                    requireRepeatable(term);
                    insert(term, 2);
                    int jump = size;
                    emit(RegexProgram.JUMP);
                    emit(0);
                    operand(jump + 1, relative(jump, term));
                    code[term] = lazy(i) ? RegexProgram.SPLIT_PREFER_JUMP : RegexProgram.SPLIT;
                    i += lazy(i) ? 1 : 0;
                    operand(term + 1, relative(term, size));
                    term = size;
                }
                case '+' -> {
                    requireRepeatable(term);
                    int split = size;
                    emit(lazy(i) ? RegexProgram.SPLIT : RegexProgram.SPLIT_PREFER_JUMP);
                    i += lazy(i) ? 1 : 0;
                    emit(0);
                    operand(split + 1, relative(split, term));
                    term = size;
                }
                case '|' -> {
                    if (alternativeJump >= 0) {
                        operand(alternativeJump, relative(alternativeJump, size) + 1);
                    }
                    insert(start, 2);
                    emit(RegexProgram.JUMP);
                    alternativeJump = size;
                    emit(0);
                    code[start] = RegexProgram.SPLIT;
                    operand(start + 1, relative(start, size));
                    term = size;
                }
                case '^' -> {
                    emit(RegexProgram.LINE_START);
                    term = size;
                }
                case '$' -> {
                    emit(RegexProgram.LINE_END);
                    term = size;
                }
                default -> {
                    term = size;
                    emit(RegexProgram.CHAR);
                    emit(c);
                }
            }
        }
        if (alternativeJump >= 0) {
            operand(alternativeJump, relative(alternativeJump, size) + 1);
        }
        nesting--;
        return i;
    }

    private boolean lazy(int i) {
        return at(i + 1) == '?';
    }

    private void requireRepeatable(int term) {
        if (size == term) {
            throw error(); // nothing to repeat
        }
    }

    /**
     * A class from just after its '[' up to its ']': the opcode, the number of entries, then a
     * (low, high) byte pair per entry; a named class is the pair (0, its letter). Returns the
     * index of the closing ']'.
     */
    private int characterClass(int i) {
        if (at(i) == '^') {
            emit(RegexProgram.CLASS_NOT);
            i++;
        } else {
            emit(RegexProgram.CLASS);
        }
        int countAt = size;
        emit(0);
        int count = 0;
        for (; at(i) != ']'; i++, count++) {
            byte low = at(i);
            if (low == '\\') {
                i++;
                low = at(i);
                if (isNamedClass(low)) {
                    emit(0);
                    emit(low);
                    continue;
                }
            }
            if (low == 0) {
                throw error(); // unterminated class
            }
            if (at(i + 1) == '-' && at(i + 2) != ']') {
                i += 2;
            }
            emit(low);
            emit(at(i));
        }
        operand(countAt, count);
        return i;
    }
}
