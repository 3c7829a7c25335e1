package dev.mica.modules.re;

import java.util.Arrays;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Py;

/**
 * Runs a {@link RegexProgram} over bytes by backtracking, trying the first branch of a split
 * before the other, as MicroPython's recursive matcher does; the choice points and saved group
 * boundaries it would keep on the C stack are kept here on an explicit stack. A pattern whose
 * choice points pile up without bound (a repeated group that can match nothing, or a very long
 * subject) raises RuntimeError as MicroPython's stack check does.
 */
final class RegexMatcher {
    /** Pending choice points and saved boundaries allowed at once. */
    static final int MAX_DEPTH = 100_000;
    private static final int BRANCH = -1;
    private static final int CHECK_INTERVAL = 1 << 16;

    private final RegexProgram program;
    private final byte[] code;
    private final byte[] subject;
    private final int lineStart;
    private final int end;
    private final ModuleEnvironment environment;
    /** Triples: (BRANCH, pc, position) or (slot, old value, 0). */
    private int[] stack = new int[96];
    private int top;

    RegexMatcher(RegexProgram program, byte[] subject, ModuleEnvironment environment) {
        this.program = program;
        this.code = program.code;
        this.subject = subject;
        this.lineStart = 0;
        this.end = subject.length;
        this.environment = environment;
    }

    /** Group boundaries (-1 where unset), two per group with group 0 first, or null without a match. */
    int[] run(int from, boolean anchored) {
        int[] caps = new int[2 * (program.groups + 1)];
        Arrays.fill(caps, -1);
        top = 0;
        return execute(anchored ? RegexProgram.SEARCH_PREFIX : 0, from, caps) ? caps : null;
    }

    private void push(int a, int b, int c) {
        if (top == stack.length) {
            if (top / 3 >= MAX_DEPTH) {
                throw Py.runtimeError("maximum recursion depth exceeded");
            }
            stack = Arrays.copyOf(stack, Math.min(stack.length * 2, MAX_DEPTH * 3));
        }
        stack[top++] = a;
        stack[top++] = b;
        stack[top++] = c;
    }

    private boolean execute(int pc, int sp, int[] caps) {
        int steps = 0;
        while (true) {
            if (++steps == CHECK_INTERVAL) {
                steps = 0;
                if (environment != null) {
                    environment.checkInterrupts();
                }
            }
            byte op = code[pc];
            boolean ok = true;
            if (RegexProgram.consumes(op) && sp >= end) {
                ok = false;
            } else {
                switch (op) {
                    case RegexProgram.CHAR -> {
                        ok = subject[sp] == code[pc + 1];
                        pc += 2;
                        sp++;
                    }
                    case RegexProgram.ANY -> {
                        pc++;
                        sp++;
                    }
                    case RegexProgram.CLASS, RegexProgram.CLASS_NOT -> {
                        ok = classMatches(pc, subject[sp]);
                        pc += 2 + 2 * (code[pc + 1] & 0xff);
                        sp++;
                    }
                    case RegexProgram.NAMED_CLASS -> {
                        ok = namedClassMatches(code[pc + 1], subject[sp]);
                        pc += 2;
                        sp++;
                    }
                    case RegexProgram.MATCH -> {
                        return true;
                    }
                    case RegexProgram.JUMP -> pc += 2 + code[pc + 1];
                    case RegexProgram.SPLIT -> {
                        push(BRANCH, pc + 2 + code[pc + 1], sp);
                        pc += 2;
                    }
                    case RegexProgram.SPLIT_PREFER_JUMP -> {
                        push(BRANCH, pc + 2, sp);
                        pc += 2 + code[pc + 1];
                    }
                    case RegexProgram.SAVE -> {
                        int slot = code[pc + 1] & 0xff;
                        pc += 2;
                        if (slot < caps.length) {
                            push(slot, caps[slot], 0);
                            caps[slot] = sp;
                        }
                    }
                    case RegexProgram.LINE_START -> {
                        ok = sp == lineStart;
                        pc++;
                    }
                    case RegexProgram.LINE_END -> {
                        ok = sp == end;
                        pc++;
                    }
                    default -> throw new IllegalStateException("bad regex opcode " + op);
                }
            }
            if (ok) {
                continue;
            }
            // back to the latest choice point, undoing the group boundaries saved since
            boolean resumed = false;
            while (top > 0 && !resumed) {
                top -= 3;
                if (stack[top] == BRANCH) {
                    pc = stack[top + 1];
                    sp = stack[top + 2];
                    resumed = true;
                } else {
                    caps[stack[top]] = stack[top + 1];
                }
            }
            if (!resumed) {
                return false;
            }
        }
    }

    /** A class instruction at {@code pc}: its entries are ranges of signed bytes or named classes. */
    private boolean classMatches(int pc, byte c) {
        boolean positive = code[pc] == RegexProgram.CLASS;
        int count = code[pc + 1] & 0xff;
        for (int k = 0, at = pc + 2; k < count; k++, at += 2) {
            boolean hit = code[at] == 0 ? namedClassMatches(code[at + 1], c) : c >= code[at] && c <= code[at + 1];
            if (hit) {
                return positive;
            }
        }
        return !positive;
    }

    /** \d \s \w in ASCII, and their upper-case negations. */
    static boolean namedClassMatches(byte name, byte c) {
        boolean in;
        switch (name | 0x20) {
            case 'd' -> in = c >= '0' && c <= '9';
            case 's' -> in = c == ' ' || c >= '\t' && c <= '\r';
            default -> in = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        boolean negated = (name & 0x20) == 0;
        return in != negated;
    }
}
