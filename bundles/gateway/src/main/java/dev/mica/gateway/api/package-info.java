/**
 * What the gateway offers other bundles: {@link dev.mica.gateway.api.AppInterpreters}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.gateway.api;
