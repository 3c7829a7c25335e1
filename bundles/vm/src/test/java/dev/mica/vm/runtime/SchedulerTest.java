package dev.mica.vm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mica.code.CompileOptions;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/** micropython.schedule's queue in the runtime: bounded, run one at a time, never nested. */
class SchedulerTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Runtime rt = new Runtime(() -> null, CompileOptions.DEFAULT, new ByteArrayInputStream(new byte[0]), out,
            new ByteArrayOutputStream(), List.of(), List.of(""));
    private final List<Long> calls = new ArrayList<>();

    private PyObject recorder() {
        return new PyBuiltinFunction("record", 1, 1, false, (a, kw) -> {
            calls.add(((PyInt) a[0]).value);
            return PyNone.NONE;
        });
    }

    @Test
    void queueHoldsFourCallbacks() {
        PyObject f = recorder();
        for (int i = 0; i < Runtime.SCHEDULER_DEPTH; i++) {
            rt.schedule(f, PyInt.of(i));
        }
        PyException e = assertThrows(PyException.class, () -> rt.schedule(f, PyInt.of(9)));
        assertTrue(e.matches(PyBaseException.RUNTIME_ERROR));
        assertEquals("schedule queue full", e.value().str());
    }

    @Test
    void eachCheckRunsOneCallbackInOrderAndKeepsTheFlagWhileMoreWait() {
        PyObject f = recorder();
        rt.schedule(f, PyInt.of(1));
        rt.schedule(f, PyInt.of(2));
        assertTrue(rt.interruptPending);
        rt.checkInterrupt();
        assertEquals(List.of(1L), calls);
        assertTrue(rt.interruptPending);
        rt.checkInterrupt();
        assertEquals(List.of(1L, 2L), calls);
        assertFalse(rt.interruptPending);
    }

    @Test
    void callbacksDoNotNest() {
        PyObject inner = recorder();
        PyObject outer = new PyBuiltinFunction("outer", 1, 1, false, (a, kw) -> {
            rt.schedule(inner, PyInt.of(2));
            rt.checkInterrupt(); // a check inside a callback must not start the next one
            calls.add(1L);
            return PyNone.NONE;
        });
        rt.schedule(outer, PyNone.NONE);
        rt.checkInterrupt();
        assertEquals(List.of(1L), calls);
        rt.checkInterrupt();
        assertEquals(List.of(1L, 2L), calls);
    }

    @Test
    void anExceptionInACallbackIsPrintedNotRaised() {
        rt.schedule(new PyBuiltinFunction("fail", 1, 1, false, (a, kw) -> {
            throw Py.valueError("boom");
        }), PyNone.NONE);
        rt.checkInterrupt();
        rt.flush();
        assertEquals("ValueError: boom\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keyboardInterruptComesFirstAndCallbacksStayQueued() {
        rt.schedule(recorder(), PyInt.of(5));
        rt.requestInterrupt();
        PyException e = assertThrows(PyException.class, rt::checkInterrupt);
        assertTrue(e.matches(PyBaseException.KEYBOARD_INTERRUPT));
        assertTrue(rt.interruptPending);
        rt.checkInterrupt();
        assertEquals(List.of(5L), calls);
    }
}
