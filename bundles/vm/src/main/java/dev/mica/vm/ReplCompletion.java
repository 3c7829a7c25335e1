package dev.mica.vm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mica.obj.Ops;
import dev.mica.obj.PyException;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.runtime.Runtime;

/** The names the REPL's Tab key completes from: what {@code __main__} or an object reached from it holds. */
final class ReplCompletion {
    private ReplCompletion() {}

    /**
     * The attributes of the object reached from {@code main} by the chain of names (the names
     * {@code main} defines when the chain is empty); null when a name does not resolve.
     */
    static List<String> names(Runtime rt, PyModule main, List<String> chain) {
        try {
            PyObject target = main;
            for (String name : chain) {
                if (target == main) {
                    target = main.globals().getStr(name);
                } else {
                    target = Ops.getAttr(target, name);
                }
                if (target == null) {
                    return null;
                }
            }
            Set<String> names = new LinkedHashSet<>();
            if (target == main) {
                for (PyObject key : main.globals().map().keySet()) {
                    names.add(key.str());
                }
            } else {
                PyObject listed = rt.builtins().getStr("dir").call(new PyObject[] {target}, null);
                for (PyObject name : Ops.toArray(listed)) {
                    if (name instanceof PyStr s) {
                        names.add(s.value());
                    }
                }
            }
            return new ArrayList<>(names);
        } catch (PyException e) {
            return null;
        }
    }
}
