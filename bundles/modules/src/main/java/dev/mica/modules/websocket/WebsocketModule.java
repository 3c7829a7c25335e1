package dev.mica.modules.websocket;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyModule;

/** The {@code websocket} module: the websocket stream type (extensible, as MicroPython's, for the uwebsocket alias). */
@Component(service = ModuleProvider.class)
public final class WebsocketModule implements ModuleProvider {
    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public boolean extensible() {
        return true;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("websocket");
        m.setAttr("websocket", Websocket.TYPE);
        return m.seal();
    }
}
