package dev.mica.emitter;

/** Thrown inside the translator for code it does not compile yet: the function stays bytecode. */
final class Declined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Declined(String what) {
        super(what, null, false, false);
    }
}
