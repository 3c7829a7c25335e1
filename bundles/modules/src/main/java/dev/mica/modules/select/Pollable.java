package dev.mica.modules.select;

/**
 * A stream object written in Java that select.poll can watch, as MicroPython's
 * {@code MP_STREAM_POLL} ioctl: it answers which of the asked events are ready now.
 */
public interface Pollable {
    int POLLIN = 0x0001;
    int POLLOUT = 0x0004;
    int POLLERR = 0x0008;
    int POLLHUP = 0x0010;
    int POLLNVAL = 0x0020;

    /**
     * The events of {@code mask} (POLLIN, POLLOUT) ready without blocking, plus POLLERR,
     * POLLHUP or POLLNVAL when they hold whatever the mask.
     */
    int pollReady(int mask);
}
