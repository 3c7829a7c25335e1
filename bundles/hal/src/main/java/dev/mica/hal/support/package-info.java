/**
 * Help for driver authors: reading a driver's configuration and registering a board's HAL
 * services. Not part of the contract between {@code machine} and drivers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.hal.support;
