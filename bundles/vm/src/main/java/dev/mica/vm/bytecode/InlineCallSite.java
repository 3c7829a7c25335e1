package dev.mica.vm.bytecode;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

import dev.mica.emit.CompiledBody;
import dev.mica.emit.NativeCallOps;
import dev.mica.obj.PyObject;

/**
 * A short call in compiled code ({@code invokedynamic}, one of {@link NativeCallOps}'s shapes)
 * that remembers the compiled Python function it calls. While a site sees one function code
 * running one compiled form, it enters that form's body directly, behind a check that the
 * callee still runs it: the body is a constant of the site, so the JIT calls it directly (and
 * may inline it into the caller), where the generic call goes through megamorphic dispatch. A
 * site that meets other code relinks a few times, then stays generic; one whose callee is not
 * a plain Python function stays generic at once. A callee still running as bytecode (not yet
 * hot enough for tiering) leaves the site unlinked, to be linked once it runs compiled.
 * Semantics never change: a callee that no longer runs the linked form (another function, a
 * recompiled or dropped body after an emitter swap) takes the site's ordinary way.
 */
public final class InlineCallSite extends MutableCallSite {
    /** Relinks to another callee before the site settles on the generic call. */
    private static final int MAX_LINKS = 4;
    /** Calls of a not-yet-compiled callee the site waits through before it settles. */
    private static final int MAX_WAITS = 100_000;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle SAME_CODE;
    private static final MethodHandle SAME_CODE_WITH_SELF;
    private static final MethodHandle SAME_CODE_WITHOUT_SELF;
    private static final MethodHandle[] ENTER = new MethodHandle[4];
    private static final MethodHandle RUN_ENTERED;

    static {
        try {
            MethodType test = MethodType.methodType(boolean.class, NativeCalls.Compiled.class, PyObject.class);
            SAME_CODE = LOOKUP.findStatic(InlineCallSite.class, "sameCode", test);
            SAME_CODE_WITH_SELF = LOOKUP.findStatic(InlineCallSite.class, "sameCodeWithSelf", test.appendParameterTypes(PyObject.class));
            SAME_CODE_WITHOUT_SELF = LOOKUP.findStatic(InlineCallSite.class, "sameCodeWithoutSelf", test.appendParameterTypes(PyObject.class));
            MethodType enter = MethodType.methodType(Frame.class, PyObject.class);
            for (int n = 0; n < ENTER.length; n++) {
                ENTER[n] = LOOKUP.findStatic(InlineCallSite.class, "enter" + n, enter);
                enter = enter.appendParameterTypes(PyObject.class);
            }
            RUN_ENTERED = LOOKUP.findStatic(NativeCalls.class, "runEntered",
                    MethodType.methodType(PyObject.class, Frame.class, CompiledBody.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean method;
    /** Positional arguments the site passes, not counting a method's self. */
    private final int nPos;
    private final MethodHandle generic;
    private final MethodHandle miss;
    private int links;
    private int waits;

    private InlineCallSite(MethodType type, boolean method, int nPos, MethodHandle generic) throws ReflectiveOperationException {
        super(type);
        this.method = method;
        this.nPos = nPos;
        this.generic = generic;
        this.miss = LOOKUP.findVirtual(InlineCallSite.class, "miss", MethodType.methodType(PyObject.class, PyObject[].class))
                .bindTo(this).asCollector(PyObject[].class, type.parameterCount()).asType(type);
        setTarget(miss);
    }

    /**
     * The site of one call instruction: {@code name} is the {@link NativeCallOps} method of its
     * shape ({@code call0}..{@code call3}, {@code callMethod0}..{@code callMethod2}).
     */
    public static InlineCallSite of(String name, MethodType type) {
        try {
            boolean method = name.startsWith("callMethod");
            int nPos = name.charAt(name.length() - 1) - '0';
            MethodHandle generic = LOOKUP.findStatic(NativeCallOps.class, name, type);
            return new InlineCallSite(type, method, nPos, generic);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no call shape " + name + type, e);
        }
    }

    /** A call the site is not linked for: relinks when it can, then calls as the generic path does. */
    private PyObject miss(PyObject[] args) {
        PyObject fn = args[0];
        PyObject self = method ? args[1] : null;
        int first = method ? 2 : 1;
        PyObject a = nPos > 0 ? args[first] : null;
        PyObject b = nPos > 1 ? args[first + 1] : null;
        PyObject c = nPos > 2 ? args[first + 2] : null;
        relink(fn, self);
        return self == null ? NativeSupport.callArgs(fn, nPos, a, b, c) : NativeSupport.callArgs(fn, nPos + 1, self, a, b);
    }

    private synchronized void relink(PyObject fn, PyObject self) {
        if (getTarget() == generic) {
            return; // settled meanwhile by another thread
        }
        boolean withSelf = method && self != null;
        int n = nPos + (withSelf ? 1 : 0);
        CodeInfo code = fn instanceof PyFunction pf ? pf.linkableCode(n) : null;
        if (code == null || links >= MAX_LINKS) {
            setTarget(generic);
            return;
        }
        PyFunction pf = (PyFunction) fn;
        NativeCalls.Compiled compiled = code.compiled;
        if (!pf.runsCompiled() || compiled == null) {
            if (++waits > MAX_WAITS) {
                setTarget(generic);
            }
            return;
        }
        links++;
        MethodHandle test = !method ? SAME_CODE : withSelf ? SAME_CODE_WITH_SELF : SAME_CODE_WITHOUT_SELF;
        test = MethodHandles.insertArguments(test, 0, compiled);
        // enter the frame, then run the body, a constant of the site: no Java method of its
        // own stands between the caller and the body, so the JIT calls the body directly
        MethodHandle enter = MethodHandles.filterReturnValue(ENTER[n],
                MethodHandles.insertArguments(RUN_ENTERED, 1, compiled.body()));
        if (method && !withSelf) {
            enter = MethodHandles.dropArguments(enter, 1, PyObject.class); // the empty self slot
        }
        MethodType type = type();
        test = MethodHandles.dropArguments(test, test.type().parameterCount(),
                type.parameterList().subList(test.type().parameterCount(), type.parameterCount()));
        setTarget(MethodHandles.guardWithTest(test, enter.asType(type), miss));
    }

    private static boolean sameCode(NativeCalls.Compiled expected, PyObject fn) {
        return fn instanceof PyFunction pf && pf.runs(expected);
    }

    private static boolean sameCodeWithSelf(NativeCalls.Compiled expected, PyObject fn, PyObject self) {
        return self != null && fn instanceof PyFunction pf && pf.runs(expected);
    }

    private static boolean sameCodeWithoutSelf(NativeCalls.Compiled expected, PyObject fn, PyObject self) {
        return self == null && fn instanceof PyFunction pf && pf.runs(expected);
    }

    private static Frame enter0(PyObject fn) {
        return ((PyFunction) fn).enterCompiled(0, null, null, null);
    }

    private static Frame enter1(PyObject fn, PyObject a) {
        return ((PyFunction) fn).enterCompiled(1, a, null, null);
    }

    private static Frame enter2(PyObject fn, PyObject a, PyObject b) {
        return ((PyFunction) fn).enterCompiled(2, a, b, null);
    }

    private static Frame enter3(PyObject fn, PyObject a, PyObject b, PyObject c) {
        return ((PyFunction) fn).enterCompiled(3, a, b, c);
    }
}
