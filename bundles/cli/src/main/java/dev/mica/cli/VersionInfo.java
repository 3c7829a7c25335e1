package dev.mica.cli;

/** The version lines the commands print, shaped like MicroPython's so that tools parsing them keep working. */
public final class VersionInfo {
    private VersionInfo() {}

    /** Mica's own version, from the jar's manifest. */
    public static String micaVersion() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** As the unix port's banner: {@code MicroPython v1.24.1 (Mica 0.1.0); linux [Java 17.0.15] version}. */
    static String banner(String micropythonVersion) {
        return "MicroPython v" + micropythonVersion + " (Mica " + micaVersion() + "); " + System.getProperty("os.name").toLowerCase()
                + " [Java " + System.getProperty("java.version") + "] version";
    }
}
