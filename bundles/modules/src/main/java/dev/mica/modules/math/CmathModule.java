package dev.mica.modules.math;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyComplex;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;

/**
 * The {@code cmath} module of MicroPython's unix port: phase, polar, rect, exp, log, log10, sqrt,
 * cos and sin, with the same textbook formulas (so the same rounding and no domain errors:
 * {@code log(0)} is {@code -inf+0j}).
 */
@Component(service = ModuleProvider.class)
public final class CmathModule implements ModuleProvider {
    /** log10(e), which turns a natural angle into the imaginary part of log10. */
    private static final double LOG10_E = 0.4342944819032518;

    @Override
    public String name() {
        return "cmath";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("cmath");
        m.setAttr("e", new PyFloat(Math.E));
        m.setAttr("pi", new PyFloat(Math.PI));
        m.setAttr("phase", new PyBuiltinFunction("phase", 1, 1, false, (a, kw) -> {
            double[] z = PyComplex.parts(a[0]);
            return new PyFloat(Math.atan2(z[1], z[0]));
        }));
        m.setAttr("polar", new PyBuiltinFunction("polar", 1, 1, false, (a, kw) -> {
            double[] z = PyComplex.parts(a[0]);
            return new PyTuple(new PyObject[] {
                new PyFloat(Math.sqrt(z[0] * z[0] + z[1] * z[1])), new PyFloat(Math.atan2(z[1], z[0])),
            });
        }));
        m.setAttr("rect", new PyBuiltinFunction("rect", 2, 2, false, (a, kw) -> {
            double r = Ops.toDouble(a[0]);
            double phi = Ops.toDouble(a[1]);
            return new PyComplex(r * Math.cos(phi), r * Math.sin(phi));
        }));
        function(m, "exp", (re, im) -> {
            double magnitude = Math.exp(re);
            return new PyComplex(magnitude * Math.cos(im), magnitude * Math.sin(im));
        });
        function(m, "log", (re, im) -> new PyComplex(0.5 * Math.log(re * re + im * im), Math.atan2(im, re)));
        function(m, "log10", (re, im) -> new PyComplex(0.5 * StrictMath.log10(re * re + im * im), LOG10_E * Math.atan2(im, re)));
        function(m, "sqrt", (re, im) -> {
            double root = MathModule.pow(re * re + im * im, 0.25);
            double theta = 0.5 * Math.atan2(im, re);
            return new PyComplex(root * Math.cos(theta), root * Math.sin(theta));
        });
        function(m, "cos", (re, im) -> new PyComplex(Math.cos(re) * SpecialFunctions.cosh(im), -Math.sin(re) * SpecialFunctions.sinh(im)));
        function(m, "sin", (re, im) -> new PyComplex(Math.sin(re) * SpecialFunctions.cosh(im), Math.cos(re) * SpecialFunctions.sinh(im)));
        return m.seal();
    }

    private interface ComplexFunction {
        PyComplex apply(double re, double im);
    }

    private static void function(FixedModule m, String name, ComplexFunction f) {
        m.setAttr(name, new PyBuiltinFunction(name, 1, 1, false, (a, kw) -> {
            double[] z = PyComplex.parts(a[0]);
            return f.apply(z[0], z[1]);
        }));
    }
}
