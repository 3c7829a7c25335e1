package dev.mica.code;

/** What a piece of source is, as MicroPython's {@code mp_parse_input_kind_t}. */
public enum InputKind {
    /** a module or script: statements */
    FILE,
    /** one interactive statement: expression statements print their value */
    SINGLE,
    /** one expression, as for {@code eval} */
    EVAL
}
