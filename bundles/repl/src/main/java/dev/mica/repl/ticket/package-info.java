/**
 * One-time tickets to the gateway's WebREPL ({@link dev.mica.repl.ticket.ReplTickets}): a
 * client that has authenticated elsewhere (the web console's admins) gets a ticket and sends it
 * where a WebREPL client sends the password.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.mica.repl.ticket;
