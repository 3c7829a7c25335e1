package dev.mica.obj;

/** True and False: ints 1 and 0 of type bool. */
public final class PyBool extends PyInt {
    public static final PyType TYPE = PyType.builtin("bool", PyType.OBJECT);
    public static final PyBool TRUE = new PyBool(1);
    public static final PyBool FALSE = new PyBool(0);

    static {
        TYPE.setConstructor((t, args, kw) -> {
            if (args.length > 1) {
                throw Py.typeError("function takes 1 positional arguments but " + args.length + " were given");
            }
            return Py.bool(args.length == 1 && args[0].isTrue());
        });
    }

    private PyBool(long v) {
        super(v);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return value == 1 ? "True" : "False";
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if (other instanceof PyBool && (op == Ops.AND || op == Ops.OR || op == Ops.XOR
                || op == Ops.INPLACE_AND || op == Ops.INPLACE_OR || op == Ops.INPLACE_XOR)) {
            PyObject r = super.binaryOp(op, other);
            return Py.bool(((PyInt) r).value != 0);
        }
        return super.binaryOp(op, other);
    }
}
