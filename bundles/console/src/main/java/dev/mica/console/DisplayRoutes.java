package dev.mica.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import dev.mica.hal.DisplayView;
import dev.mica.hal.HalProperties;

/**
 * The displays whose picture can be read back ({@link DisplayView} services: the simulated
 * board's SSD1306 panels): a list with each one's place, state and change count, and each
 * picture as a PNG. A display's id is its service id, so a display set up anew gets a new id;
 * the list says which ids are there now. Read only, like the rest of the board.
 */
final class DisplayRoutes {
    /** The largest factor a picture is scaled up by (a 128x64 panel becomes 2048x1024). */
    static final int MAX_SCALE = 16;
    /** The answer header with the change count of the frame a PNG shows. */
    static final String CHANGE_COUNT_HEADER = "X-Mica-Change-Count";

    /** The displays there are now. */
    interface Displays {
        /** Calls the visitor with each display, its id and its {@code mica.*} properties, in order of id. */
        void each(Visitor visitor) throws Exception;
    }

    @FunctionalInterface
    interface Visitor {
        void visit(String id, Map<String, Object> properties, DisplayView view) throws Exception;
    }

    private final Displays displays;

    DisplayRoutes(Displays displays) {
        this.displays = displays;
    }

    /** The displays of the OSGi service registry (each taken for the visit only). */
    static Displays services(BundleContext context) {
        return visitor -> {
            List<ServiceReference<DisplayView>> references = new ArrayList<>(context.getServiceReferences(DisplayView.class, null));
            references.sort(Comparator.comparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)));
            for (ServiceReference<DisplayView> reference : references) {
                DisplayView view = context.getService(reference);
                if (view == null) {
                    continue; // went away meanwhile
                }
                try {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    for (String key : reference.getPropertyKeys()) {
                        if (key.startsWith("mica.")) {
                            properties.put(key, reference.getProperty(key));
                        }
                    }
                    visitor.visit(String.valueOf(reference.getProperty(Constants.SERVICE_ID)), properties, view);
                } finally {
                    context.ungetService(reference);
                }
            }
        };
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/board/displays", Access.VIEWER,
                        "The displays whose picture can be read back (the simulated board's): id, board, bus, address, "
                                + "chip, size, on/off, inversion, contrast and a change count that moves when the picture may have",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> list()),
                new Route("GET", "/board/displays/{id}/image.png", Access.VIEWER,
                        "A display's picture as a PNG, as its panel shows it now (header " + CHANGE_COUNT_HEADER
                                + ": the frame's change count)",
                        Route.Body.NONE, List.of(new Route.Param("scale",
                                "each pixel drawn as a scale x scale square, 1 to " + MAX_SCALE + " (default 1)", false)),
                        Route.Produces.PNG, this::image));
    }

    private List<Map<String, Object>> list() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        displays.each((id, properties, view) -> {
            Map<String, Object> display = new LinkedHashMap<>();
            display.put("id", id);
            for (String key : List.of(HalProperties.BOARD, HalProperties.BUS, HalProperties.ADDRESS, HalProperties.CHIP)) {
                Object value = properties.get(key);
                if (value != null) {
                    display.put(key.substring("mica.".length()), value);
                }
            }
            DisplayView.Frame frame = view.snapshot();
            display.put("width", frame.width());
            display.put("height", frame.height());
            display.put("on", frame.on());
            display.put("inverted", frame.inverted());
            if (frame.contrast() >= 0) {
                display.put("contrast", frame.contrast());
            }
            display.put("changeCount", frame.changeCount());
            out.add(display);
        });
        return out;
    }

    private ApiResponse image(ApiCall call) throws Exception {
        String wanted = call.path("id");
        int scale = (int) call.queryLong("scale", 1, 1, MAX_SCALE);
        DisplayView.Frame[] found = new DisplayView.Frame[1];
        displays.each((id, properties, view) -> {
            if (id.equals(wanted)) {
                found[0] = view.snapshot();
            }
        });
        DisplayView.Frame frame = found[0];
        if (frame == null) {
            throw new ApiException(404, "no display with id " + wanted, List.of("GET /api/board/displays lists the displays there are"));
        }
        byte[] png = PngWriter.encode(frame.width(), frame.height(), frame.rgb(), scale);
        return ApiResponse.bytes("image/png", png, null).withHeader(CHANGE_COUNT_HEADER, String.valueOf(frame.changeCount()));
    }
}
