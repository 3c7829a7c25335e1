package dev.mica.modules.random;

import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * The {@code random} module on MicroPython's Yasmarang generator, one per interpreter. It is
 * seeded differently on every run when created; seed(n) gives MicroPython's own sequence.
 * Arguments are machine words and ranges are cut to 32 bits, as MicroPython does.
 */
@Component(service = ModuleProvider.class)
public final class RandomModule implements ModuleProvider {
    @Override
    public String name() {
        return "random";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        Yasmarang rng = new Yasmarang(freshSeed());
        FixedModule m = new FixedModule("random");
        // MicroPython seeds on import through __init__; here the generator is seeded at creation
        m.setAttr("__init__", new PyBuiltinFunction("__init__", 0, 0, false, (a, kw) -> PyNone.NONE));
        m.setAttr("getrandbits", new PyBuiltinFunction("getrandbits", 1, 1, false, (a, kw) -> {
            long bits = word(a[0]);
            if (bits > 32 || bits < 0) {
                throw Py.valueError("bits must be 32 or less");
            }
            if (bits == 0) {
                return PyInt.of(0);
            }
            return PyInt.of(Integer.toUnsignedLong(rng.next()) & (0xffffffffL >>> (32 - bits)));
        }));
        m.setAttr("seed", new PyBuiltinFunction("seed", 0, 1, false, (a, kw) -> {
            boolean fresh = a.length == 0 || a[0] == PyNone.NONE;
            rng.seed(fresh ? freshSeed() : (int) PyInt.truncatedValue(a[0]));
            return PyNone.NONE;
        }));
        m.setAttr("randrange", new PyBuiltinFunction("randrange", 1, 3, false, (a, kw) -> randrange(rng, a)));
        m.setAttr("randint", new PyBuiltinFunction("randint", 2, 2, false, (a, kw) -> {
            long low = word(a[0]);
            long high = word(a[1]);
            if (low > high) {
                throw emptyRange();
            }
            return PyInt.of(low + rng.below(uint32(high - low + 1)));
        }));
        m.setAttr("choice", new PyBuiltinFunction("choice", 1, 1, false, (a, kw) -> {
            long len = a[0].len();
            if (len <= 0) {
                throw new PyException(new PyBaseException(PyBaseException.INDEX_ERROR, Py.NO_ARGS));
            }
            return a[0].getItem(PyInt.of(rng.below(uint32(len))));
        }));
        m.setAttr("random", new PyBuiltinFunction("random", 0, 0, false, (a, kw) -> new PyFloat(rng.nextDouble())));
        m.setAttr("uniform", new PyBuiltinFunction("uniform", 2, 2, false, (a, kw) -> {
            double low = Ops.toDouble(a[0]);
            double high = Ops.toDouble(a[1]);
            return new PyFloat(low + (high - low) * rng.nextDouble());
        }));
        return m.seal();
    }

    /** A seed that differs from run to run, as MicroPython's default seed from the system does. */
    private static int freshSeed() {
        return ThreadLocalRandom.current().nextInt();
    }

    private static PyObject randrange(Yasmarang rng, PyObject[] a) {
        long start = word(a[0]);
        if (a.length == 1) {
            if (start <= 0) {
                throw emptyRange();
            }
            return PyInt.of(rng.below(uint32(start)));
        }
        long stop = word(a[1]);
        if (a.length == 2) {
            if (start >= stop) {
                throw emptyRange();
            }
            return PyInt.of(start + rng.below(uint32(stop - start)));
        }
        long step = word(a[2]);
        long count;
        if (step > 0) {
            count = (stop - start + step - 1) / step;
        } else if (step < 0) {
            count = (stop - start + step + 1) / step;
        } else {
            throw emptyRange();
        }
        if (count <= 0) {
            throw emptyRange();
        }
        return PyInt.of(start + step * rng.below(uint32(count)));
    }

    private static long word(PyObject o) {
        return Ops.indexValue(o, "int");
    }

    /** The bound cut to 32 bits as MicroPython's uint32_t cast does; 0 would never end, so it is refused. */
    private static long uint32(long bound) {
        long cut = bound & 0xffffffffL;
        if (cut == 0) {
            throw emptyRange();
        }
        return cut;
    }

    private static PyException emptyRange() {
        return new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
    }
}
