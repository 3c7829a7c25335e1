package dev.mica.modules.framebuf;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;

/** The {@code framebuf} module: FrameBuffer, the legacy FrameBuffer1 factory and the format constants. */
@Component(service = ModuleProvider.class)
public final class FramebufModule implements ModuleProvider {
    @Override
    public String name() {
        return "framebuf";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("framebuf");
        m.setAttr("FrameBuffer", FrameBuffer.TYPE);
        // FrameBuffer1(buffer, width, height[, stride]): always MONO_VLSB
        m.setAttr("FrameBuffer1", new PyBuiltinFunction("FrameBuffer1", 3, 4, false, (a, kw) ->
                FrameBuffer.MAKE.call(new PyObject[] {a[0], a[1], a[2], PyInt.of(PixelFormat.MONO_VLSB.code),
                    a.length > 3 ? a[3] : a[1]}, null)));
        m.setAttr("MVLSB", PyInt.of(PixelFormat.MONO_VLSB.code));
        for (PixelFormat f : PixelFormat.values()) {
            m.setAttr(f.name(), PyInt.of(f.code));
        }
        return m.seal();
    }
}
