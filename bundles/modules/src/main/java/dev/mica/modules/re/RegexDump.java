package dev.mica.modules.re;

/**
 * The listing {@code re.compile(pattern, re.DEBUG)} prints: one line per instruction of the
 * compiled program, at its byte offset, in the format of MicroPython's re1.5 dump (jumps and
 * splits show their target and their relative offset), then the program's size.
 */
final class RegexDump {
    private RegexDump() {}

    static String of(RegexProgram program) {
        byte[] code = program.code;
        StringBuilder out = new StringBuilder();
        int instructions = 0;
        int pc = 0;
        while (pc < code.length) {
            out.append(String.format("%2d: ", pc));
            byte op = code[pc++];
            instructions++;
            switch (op) {
                case RegexProgram.SPLIT, RegexProgram.SPLIT_PREFER_JUMP, RegexProgram.JUMP -> {
                    String name = op == RegexProgram.SPLIT ? "split" : op == RegexProgram.SPLIT_PREFER_JUMP ? "rsplit" : "jmp";
                    int offset = code[pc++];
                    out.append(name).append(' ').append(pc + offset).append(" (").append(offset).append(')');
                }
                case RegexProgram.CHAR -> out.append("char ").append((char) (code[pc++] & 0xff));
                case RegexProgram.ANY -> out.append("any");
                case RegexProgram.CLASS, RegexProgram.CLASS_NOT -> {
                    int ranges = code[pc++] & 0xff;
                    out.append(op == RegexProgram.CLASS_NOT ? "classnot " : "class ").append(ranges);
                    for (int i = 0; i < ranges; i++, pc += 2) {
                        out.append(String.format(" 0x%02x-0x%02x", code[pc] & 0xff, code[pc + 1] & 0xff));
                    }
                }
                case RegexProgram.NAMED_CLASS -> out.append("namedclass ").append((char) (code[pc++] & 0xff));
                case RegexProgram.LINE_START -> out.append("assert bol");
                case RegexProgram.LINE_END -> out.append("assert eol");
                case RegexProgram.SAVE -> out.append("save ").append(code[pc++] & 0xff);
                case RegexProgram.MATCH -> out.append("match");
                default -> out.append("unknown instruction ").append(op & 0xff);
            }
            out.append('\n');
        }
        return out.append("Bytes: ").append(code.length).append(", insts: ").append(instructions).append('\n').toString();
    }
}
