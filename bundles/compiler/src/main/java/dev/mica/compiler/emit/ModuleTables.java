package dev.mica.compiler.emit;

import dev.mica.code.Constant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module-wide qstr and constant tables, filled in order of first use during compilation
 * (entry 0 of the qstr table is the source file name).
 */
public final class ModuleTables {
    private final Map<String, Integer> qstrs = new LinkedHashMap<>();
    private final List<Constant> constants = new ArrayList<>();

    public ModuleTables(String sourceFile) {
        qstrs.put(sourceFile, 0);
    }

    public int qstr(String s) {
        return qstrs.computeIfAbsent(s, k -> qstrs.size());
    }

    /** The index of a constant, reusing an entry of the same type and value. */
    public int constant(Constant c) {
        for (int i = 0; i < constants.size(); i++) {
            if (strictlyEqual(constants.get(i), c)) {
                return i;
            }
        }
        constants.add(c);
        return constants.size() - 1;
    }

    /**
     * The same constant object (a literal seen again by a later pass), or equality of type and
     * value; floats compare as numbers (so a NaN matches only itself, 0.0 matches -0.0).
     */
    static boolean strictlyEqual(Constant a, Constant b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Constant.Float fa && b instanceof Constant.Float fb) {
            return fa.value() == fb.value();
        }
        if (a instanceof Constant.Complex ca && b instanceof Constant.Complex cb) {
            return ca.real() == cb.real() && ca.imag() == cb.imag();
        }
        if (a instanceof Constant.Tuple ta && b instanceof Constant.Tuple tb) {
            if (ta.items().size() != tb.items().size()) {
                return false;
            }
            for (int i = 0; i < ta.items().size(); i++) {
                if (!strictlyEqual(ta.items().get(i), tb.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    public List<String> qstrList() {
        return new ArrayList<>(qstrs.keySet());
    }

    public List<Constant> constantList() {
        return constants;
    }
}
