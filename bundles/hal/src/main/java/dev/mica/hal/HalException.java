package dev.mica.hal;

/**
 * A hardware operation failed. Carries the POSIX errno that MicroPython's {@code machine}
 * module raises as {@code OSError(errno)}. Unchecked, because every HAL call can fail this way
 * and callers (the {@code machine} module) translate it in one place.
 */
public class HalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** I/O error: the device answered, but wrongly (e.g. a NACK in the middle of a transfer). */
    public static final int EIO = 5;
    /** Resource busy: the bus or pin is held by someone else. */
    public static final int EBUSY = 16;
    /** No such device: nobody acknowledged the address, or the driver is gone. */
    public static final int ENODEV = 19;
    /** Invalid argument: a configuration the hardware cannot do. */
    public static final int EINVAL = 22;
    /** The operation timed out (e.g. clock stretching beyond the bus timeout). */
    public static final int ETIMEDOUT = 110;

    private final int errno;

    /** An exception with the given errno and a message for logs. */
    public HalException(int errno, String message) {
        super(message, null, false, false); // no stack trace: these are expected, frequent failures
        this.errno = errno;
    }

    /** The errno MicroPython reports for this failure. */
    public int errno() {
        return errno;
    }
}
