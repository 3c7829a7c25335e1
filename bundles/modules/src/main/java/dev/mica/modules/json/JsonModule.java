package dev.mica.modules.json;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.modules.Streams;
import dev.mica.obj.Buffers;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

/** The {@code json} module: dumps/dump and loads/load in MicroPython's format and with its leniency. */
@Component(service = ModuleProvider.class)
public final class JsonModule implements ModuleProvider {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        Streams streams = new Streams(environment);
        FixedModule m = new FixedModule("json");
        m.setAttr("dump", new PyBuiltinFunction("dump", 2, PyBuiltinFunction.VARIADIC, true, (a, kw) -> {
            JsonWriter writer = writer(a, kw, 2);
            byte[] text = writer.write(a[0]);
            streams.writePieces(a[1], text, writer.pieceEnds());
            return PyNone.NONE;
        }));
        m.setAttr("dumps", new PyBuiltinFunction("dumps", 1, PyBuiltinFunction.VARIADIC, true,
                (a, kw) -> PyStr.of(new String(writer(a, kw, 1).write(a[0]), StandardCharsets.UTF_8))));
        m.setAttr("load", new PyBuiltinFunction("load", 1, 1, false,
                (a, kw) -> JsonReader.parse(new String(streams.readAll(a[0]), StandardCharsets.UTF_8))));
        m.setAttr("loads", new PyBuiltinFunction("loads", 1, 1, false,
                (a, kw) -> JsonReader.parse(new String(Buffers.bytesOf(a[0]), StandardCharsets.UTF_8))));
        return m.seal();
    }

    private static JsonWriter writer(PyObject[] a, String[] kw, int positional) {
        String[] separators = separators(a, kw, positional);
        return new JsonWriter(separators[0], separators[1]);
    }

    /** The item and key separators from the {@code separators} keyword (a pair of str), or the defaults. */
    private static String[] separators(PyObject[] a, String[] kw, int positional) {
        int given = Py.positional(a, kw);
        if (given > positional) {
            throw Py.typeError("extra positional arguments given");
        }
        if (given < positional) {
            throw Py.typeError("function missing " + (positional - given) + " required positional arguments");
        }
        if (kw != null) {
            for (String k : kw) {
                if (!k.equals("separators")) {
                    throw Py.typeError("extra keyword arguments given");
                }
            }
        }
        PyObject pairArg = Py.keyword(a, kw, "separators");
        if (pairArg == null || pairArg == PyNone.NONE) {
            return new String[] {", ", ": "};
        }
        PyObject[] pair;
        if (pairArg instanceof PyTuple t) {
            pair = t.items();
        } else if (pairArg instanceof PyList l) {
            pair = l.toArray();
        } else {
            throw Py.typeError("object '" + pairArg.type().name() + "' isn't a tuple or list");
        }
        if (pair.length != 2) {
            throw Py.valueError("requested length 2 but object has length " + pair.length);
        }
        String[] out = new String[2];
        for (int i = 0; i < 2; i++) {
            if (!(pair[i] instanceof PyStr s)) {
                throw Py.typeError("can't convert '" + pair[i].type().name() + "' object to str implicitly");
            }
            out[i] = s.value();
        }
        return out;
    }
}
