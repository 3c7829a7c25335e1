package dev.mica.gateway;

/**
 * How much of each app's output is kept.
 *
 * @param ringLines lines kept in memory for {@code mica:log}
 * @param fileBytes size at which {@code logs/<app>.log} is rotated
 * @param fileCount log files kept per app, the current one included
 */
record LogLimits(int ringLines, long fileBytes, int fileCount) {
    static final LogLimits DEFAULT = new LogLimits(1000, 1024 * 1024, 5);

    LogLimits {
        if (ringLines < 1 || fileBytes < 1 || fileCount < 1) {
            throw new IllegalArgumentException("log limits must be positive: " + ringLines + " lines, " + fileBytes
                    + " bytes, " + fileCount + " files");
        }
    }
}
