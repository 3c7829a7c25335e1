package dev.mica.repl.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.gateway.api.AppInterpreters;
import dev.mica.interp.InterpreterFactory;
import dev.mica.repl.InterpreterSource;

/**
 * A REPL in a board's style on a serial device: the tty is opened as a file, one session runs
 * on it, and when the device goes away (a USB host unplugged) it is opened again a second
 * later, as a board's USB port comes back. Only exists when configured.
 */
@Component(configurationPid = SerialDeviceRepl.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SerialReplConfiguration.class, factory = true)
public class SerialDeviceRepl {
    static final String PID = "dev.mica.repl.serial";
    private static final long REOPEN_DELAY_MILLIS = 1000;

    @Reference
    private InterpreterFactory factory;
    private volatile AppInterpreters apps;

    private volatile boolean active;
    private volatile InputStream openInput;
    private Thread worker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindApps(AppInterpreters service) {
        apps = service;
    }

    void unbindApps(AppInterpreters service) {
        if (apps == service) {
            apps = null;
        }
    }

    @Activate
    void activate(SerialReplConfiguration config) {
        String device = config.device();
        if (device == null || device.isBlank()) {
            TransportLog.warning("configuration " + PID + " names no device: no REPL on a serial device");
            return;
        }
        InterpreterSource interpreters = (stdin, stdout, stderr) -> SessionInterpreters
                .of(config.app(), config.storage(), factory, apps).open(stdin, stdout, stderr);
        String banner = SessionInterpreters.banner(factory);
        active = true;
        worker = new Thread(() -> serveWhileActive(device, config.stty(), banner, interpreters), "mica-repl-serial");
        worker.setDaemon(true);
        worker.start();
        TransportLog.info("REPL on serial device " + device);
    }

    @Deactivate
    void deactivate() {
        active = false;
        if (worker == null) {
            return;
        }
        InputStream in = openInput;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        worker.interrupt();
    }

    private void serveWhileActive(String device, String stty, String banner, InterpreterSource interpreters) {
        boolean reported = false;
        while (active) {
            configure(device, stty);
            try (InputStream in = new FileInputStream(device); OutputStream out = new FileOutputStream(device)) {
                openInput = in;
                reported = false;
                ReplConnection.serve(in, out, banner, interpreters);
            } catch (IOException e) {
                if (!reported) {
                    TransportLog.warning("REPL on serial device " + device + ": " + e.getMessage()
                            + "; trying again every second");
                    reported = true;
                }
            } finally {
                openInput = null;
            }
            try {
                Thread.sleep(REOPEN_DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Puts the tty in the mode the REPL needs, with stty: the JDK cannot set terminal modes. */
    private static void configure(String device, String stty) {
        if (stty == null || stty.isBlank()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("stty", "-F", device));
        command.addAll(List.of(stty.strip().split("\\s+")));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                TransportLog.warning("stty on " + device + " failed: " + output);
            }
        } catch (IOException e) {
            TransportLog.warning("stty on " + device + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
