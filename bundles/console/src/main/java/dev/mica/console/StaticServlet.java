package dev.mica.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTickets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's pages (static HTML, CSS and JavaScript from the bundle, nothing from outside:
 * the gateway may be offline) at {@code /console/}; {@code /} leads there.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/console/*",
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=mica-console-pages"})
public class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The WebREPL's tickets (the repl bundle), when it runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ReplTickets replTickets;

    /** The WebREPL listeners' ports, where the terminal's WebSocket goes (any host name: the page's own). */
    private List<String> webReplSources() {
        ReplTickets tickets = replTickets;
        if (tickets == null) {
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        for (ReplEndpoint endpoint : tickets.endpoints()) {
            sources.add((endpoint.tls() ? "wss" : "ws") + "://*:" + endpoint.port());
        }
        return sources;
    }
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response, webReplSources());
        String servletPath = request.getServletPath();
        String path = request.getPathInfo();
        if (!"/console".equals(servletPath)) {
            if ("/".equals(request.getRequestURI())) {
                response.sendRedirect("/console/");
            } else {
                response.sendError(404);
            }
            return;
        }
        if (path == null) {
            response.sendRedirect("/console/");
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || name.contains("..") || name.contains("//") || name.contains("\\")) {
            response.sendError(404);
            return;
        }
        try (InputStream in = StaticServlet.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            byte[] content = in.readAllBytes();
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(content.length);
            response.getOutputStream().write(content);
        }
    }
}
