/**
 * What the gateway offers other bundles: interpreters made like an app's
 * ({@link dev.mica.gateway.api.AppInterpreters}, for the REPL transports) and the apps
 * themselves (the web console): their state, start and stop, their log, and the check of an app
 * configuration, as the {@link dev.mica.gateway.api.AppControl} service while the gateway runs;
 * and {@link dev.mica.gateway.api.AtomicFiles}, how files are written so a crash never tears them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.mica.gateway.api;
