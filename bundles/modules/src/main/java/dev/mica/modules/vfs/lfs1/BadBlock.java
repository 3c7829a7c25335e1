package dev.mica.modules.vfs.lfs1;

/**
 * A block that the device reported bad (CORRUPT) while it was erased or programmed: the data
 * goes to another block. Reads that fail are not this: they end the operation.
 */
final class BadBlock extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private BadBlock() {
        super(null, null, false, false);
    }

    /** Runs an erase or program; a CORRUPT report becomes {@link BadBlock}. */
    static void writing(Runnable write) {
        try {
            write.run();
        } catch (LfsError e) {
            if (e.code == LfsError.CORRUPT) {
                throw new BadBlock();
            }
            throw e;
        }
    }

    /** A block whose contents did not read back as written. */
    static BadBlock found() {
        return new BadBlock();
    }
}
