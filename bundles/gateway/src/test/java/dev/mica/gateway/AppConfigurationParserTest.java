package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mica.interp.InterpreterConfig;

import dev.mica.code.EmitMode;

class AppConfigurationParserTest {

    @Test
    void aNameAloneGivesTheDefaults() throws Exception {
        assertEquals(AppSettings.defaults("sensor"), AppConfigurationParser.parse(Map.of("name", "sensor")));
    }

    @Test
    void typedValuesAsConfigAdminGivesThem() throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("name", "sensor", "autostart", false,
                "restart", "always", "heapsize", 65536L, "optimization", 3, "emit", "viper"));
        properties.putAll(Map.of("restart.delay", 250, "restart.maxdelay", 10_000L, "restart.resetafter", 120_000L,
                "service.pid", "dev.mica.app~x", "felix.fileinstall.filename", "file:/load/x.cfg"));
        AppSettings settings = AppConfigurationParser.parse(properties);
        assertFalse(settings.autostart());
        assertEquals(RestartPolicy.ALWAYS, settings.restart());
        assertEquals(65536, settings.heapSize());
        assertEquals(3, settings.optimizationLevel());
        assertEquals(EmitMode.VIPER, settings.emit());
        assertEquals(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofMinutes(2)),
                settings.backoff());
    }

    @Test
    void textValuesAsACfgFileGivesThem() throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("name", "sensor", "autostart", "no",
                "restart", "On-Failure", "heapsize", "512k", "optimization", "1", "emit", "Native"));
        properties.putAll(Map.of("restart.delay", "2s", "restart.maxdelay", "5m", "restart.resetafter", "1h",
                "restart.limit", "5"));
        AppSettings settings = AppConfigurationParser.parse(properties);
        assertFalse(settings.autostart());
        assertEquals(RestartPolicy.ON_FAILURE, settings.restart());
        assertEquals(512 * 1024, settings.heapSize());
        assertEquals(1, settings.optimizationLevel());
        assertEquals(EmitMode.NATIVE, settings.emit());
        assertEquals(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), 5),
                settings.backoff());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", "../etc");
        properties.put("autostart", "maybe");
        properties.put("restart", "sometimes");
        properties.put("heapsize", "12 parsecs");
        properties.put("optimization", 4);
        properties.put("emit", "jit");
        properties.put("restart.delay", "-1");
        properties.put("autstart", "true");
        List<String> reasons = reasons(properties);
        assertEquals(8, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("'restart' must be never, on-failure or always: 'sometimes'"), reasons.toString());
        assertTrue(reasons.contains("'optimization' must be 0, 1, 2 or 3: '4'"), reasons.toString());
        assertTrue(reasons.contains("unknown property 'autstart'"), reasons.toString());
    }

    @Test
    void aRestartLimitIsAWholeNumberFromZero() {
        assertEquals(List.of("'restart.limit' must be a whole number from 0 (no limit) to 1000000: '-2'"),
                reasons(Map.of("name", "x", "restart.limit", "-2")));
        assertEquals(List.of("'restart.limit' must be a whole number from 0 (no limit) to 1000000: 'often'"),
                reasons(Map.of("name", "x", "restart.limit", "often")));
    }

    @Test
    void aStorageFolderStaysInsideTheAppsFolderUnlessAbsolute() throws Exception {
        assertEquals("data", AppConfigurationParser.parse(Map.of("name", "x", "storage", "data")).storage());
        assertEquals("/srv/x", AppConfigurationParser.parse(Map.of("name", "x", "storage", "/srv/x")).storage());
        assertEquals(List.of("'storage' must be a folder: absolute, or relative to the app's folder without '..': '../y'"),
                reasons(Map.of("name", "x", "storage", "../y")));
    }

    @Test
    void aNameIsRequired() {
        assertEquals(List.of("'name' is missing"), reasons(Map.of("restart", "never")));
    }

    @Test
    void heapSizesOutsideTheLimitsAreRefused() {
        assertEquals(1, reasons(Map.of("name", "a", "heapsize", "1k")).size());
        assertEquals(1, reasons(Map.of("name", "a", "heapsize", "2g")).size());
        assertEquals(1, reasons(Map.of("name", "a", "heapsize", "99999999999999999999")).size());
    }

    @Test
    void theMaximumDelayMayNotBeShorterThanTheFirst() {
        List<String> reasons = reasons(Map.of("name", "a", "restart.delay", "10s", "restart.maxdelay", "5s"));
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).contains("shorter than"), reasons.toString());
    }

    @Test
    void recursionLimitAndModuleAllowListAreRead() throws Exception {
        AppSettings settings = AppConfigurationParser.parse(Map.of("name", "a", "recursionlimit", "150",
                "modules", "json, re time"));
        assertEquals(150, settings.recursionLimit());
        assertEquals(Set.of("json", "re", "time"), settings.allowedModules());
        InterpreterConfig config = settings.applyTo(InterpreterConfig.standard());
        assertEquals(150, config.recursionLimit());
        assertEquals(Set.of("json", "re", "time"), config.allowedModules());
    }

    @Test
    void tierThresholdIsReadAndReachesTheInterpreter() throws Exception {
        AppSettings settings = AppConfigurationParser.parse(Map.of("name", "a", "tier", "1000"));
        assertEquals(1000, settings.tierThreshold());
        assertEquals(1000, settings.applyTo(InterpreterConfig.standard()).tierThreshold());
        assertEquals(InterpreterConfig.DEFAULT_TIER_THRESHOLD, AppSettings.defaults("a").tierThreshold());
        List<String> reasons = reasons(Map.of("name", "a", "tier", "-5"));
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).contains("'tier' must be a whole number"), reasons.toString());
    }

    @Test
    void moduleListsMayBeArraysAndAnEmptyListAllowsNone() throws Exception {
        assertEquals(Set.of("os", "socket"), AppConfigurationParser.parse(Map.of("name", "a", "modules",
                new String[] {"os", "socket"})).allowedModules());
        assertEquals(Set.of(), AppConfigurationParser.parse(Map.of("name", "a", "modules", "")).allowedModules());
        assertNull(AppSettings.defaults("a").allowedModules(), "without the property every module is allowed");
    }

    @Test
    void badRecursionLimitsAndModuleNamesAreRefused() {
        List<String> reasons = reasons(Map.of("name", "a", "recursionlimit", 5, "modules", "json,../etc"));
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("'recursionlimit' must be a whole number from 10"), reasons.toString());
        assertTrue(reasons.get(1).contains("'../etc'"), reasons.toString());
    }

    private static List<String> reasons(Map<String, ?> properties) {
        return assertThrows(InvalidAppConfigurationException.class, () -> AppConfigurationParser.parse(properties))
                .reasons();
    }
}
