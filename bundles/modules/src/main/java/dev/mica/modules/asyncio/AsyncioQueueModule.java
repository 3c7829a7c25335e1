package dev.mica.modules.asyncio;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyModule;

/**
 * {@code _asyncio}: what asyncio's scheduler keeps in Java, as MicroPython keeps it in C. Here
 * that is only its run queue ({@link TaskQueue}); tasks stay Python objects of asyncio.
 */
@Component(service = ModuleProvider.class)
public final class AsyncioQueueModule implements ModuleProvider {
    @Override
    public String name() {
        return "_asyncio";
    }

    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("_asyncio");
        m.setAttr("TaskQueue", TaskQueue.TYPE);
        return m.seal();
    }
}
