package dev.mica.modules.uctypes;

import static dev.mica.modules.uctypes.Layout.*;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.MemoryAddresses;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;

/**
 * The {@code uctypes} module: C-like structures over memory. Memory here is the byte arrays of
 * the program's own buffers, reached through synthetic addresses ({@link MemoryAddresses}):
 * {@code addressof} gives them, {@code struct}, {@code bytes_at} and {@code bytearray_at} use
 * them, and pointers stored in memory hold them.
 */
@Component(service = ModuleProvider.class)
public final class UctypesModule implements ModuleProvider {
    @Override
    public String name() {
        return "uctypes";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        Uctypes context = new Uctypes();
        PyBuiltinFunction make = new PyBuiltinFunction("struct", 2, 3, false, (a, kw) -> {
            long address = wordOf(a[0]);
            int layout = a.length == 3 ? (int) intArg(a[2]) : NATIVE;
            return new CStruct(context, a[1], address, layout);
        });
        context.structType.setConstructor((t, a, kw) -> make.call(a, kw));
        FixedModule m = new FixedModule("uctypes");
        m.setAttr("struct", context.structType);
        m.setAttr("sizeof", new PyBuiltinFunction("sizeof", 1, 2, false, (a, kw) -> sizeof(a)));
        m.setAttr("addressof", new PyBuiltinFunction("addressof", 1, 1, false, (a, kw) -> {
            return PyInt.of(MemoryAddresses.addressOf(a[0]));
        }));
        m.setAttr("bytes_at", new PyBuiltinFunction("bytes_at", 2, 2, false, (a, kw) -> {
            long n = wordOf(a[1]);
            MemoryAddresses.Location at = MemoryAddresses.locate(wordOf(a[0]), n);
            byte[] copy = java.util.Arrays.copyOfRange(at.array(), at.index(), at.index() + (int) n);
            return new PyBytes(copy);
        }));
        m.setAttr("bytearray_at", new PyBuiltinFunction("bytearray_at", 2, 2, false, (a, kw) -> {
            long n = wordOf(a[1]);
            MemoryAddresses.Location at = MemoryAddresses.locate(wordOf(a[0]), n);
            return PyByteArray.sharing(at.array(), at.index(), (int) n);
        }));
        m.setAttr("NATIVE", PyInt.of(NATIVE));
        m.setAttr("LITTLE_ENDIAN", PyInt.of(LITTLE_ENDIAN));
        m.setAttr("BIG_ENDIAN", PyInt.of(BIG_ENDIAN));
        String[] scalarNames = {"UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "UINT64", "INT64",
            "BFUINT8", "BFINT8", "BFUINT16", "BFINT16", "BFUINT32", "BFINT32", "FLOAT32", "FLOAT64"};
        m.setAttr("VOID", PyInt.of(typeConstant(UINT8, VAL_TYPE_BITS)));
        for (int code = 0; code < scalarNames.length; code++) {
            m.setAttr(scalarNames[code], PyInt.of(typeConstant(code, VAL_TYPE_BITS)));
        }
        // C type names as on a 64-bit Linux host (short 2, int 4, long and long long 8 bytes)
        String[][] aliases = {{"SHORT", "INT16"}, {"USHORT", "UINT16"}, {"INT", "INT32"}, {"UINT", "UINT32"},
            {"LONG", "INT64"}, {"ULONG", "UINT64"}, {"LONGLONG", "INT64"}, {"ULONGLONG", "UINT64"}};
        for (String[] alias : aliases) {
            m.setAttr(alias[0], m.getAttr(alias[1]));
        }
        m.setAttr("PTR", PyInt.of(typeConstant(PTR, AGG_TYPE_BITS)));
        m.setAttr("ARRAY", PyInt.of(typeConstant(ARRAY, AGG_TYPE_BITS)));
        m.setAttr("BF_POS", PyInt.of(OFFSET_BITS));
        m.setAttr("BF_LEN", PyInt.of(LEN_BITS));
        return m.seal();
    }

    private static long intArg(PyObject o) {
        if (o instanceof PyInt i && !i.isBig()) {
            return i.value;
        }
        if (o instanceof PyInt) {
            throw Py.overflow("overflow converting long int to machine word");
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    private static PyObject sizeof(PyObject[] a) {
        PyObject target = a[0];
        if (target instanceof PyByteArray b) {
            return PyInt.of(b.len());
        }
        int layout = NATIVE;
        if (target instanceof CStruct s) {
            if (a.length != 1) {
                throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
            }
            target = s.desc;
            layout = s.layout;
        } else if (a.length == 2) {
            layout = (int) intArg(a[1]);
        }
        return PyInt.of(size(target, layout, new long[1]));
    }
}
