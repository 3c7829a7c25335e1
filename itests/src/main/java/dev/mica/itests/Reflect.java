package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Mica's services called by name, as the Gogo shell calls commands: the test bundle imports no
 * Mica package (see {@link Bundles}), so it must not link against their types.
 */
final class Reflect {
    private Reflect() {
    }

    /** What an action does with a service object it gets for the time of the call only. */
    interface ServiceCall<T> {
        T apply(Object service) throws Exception;
    }

    /** Calls the action on the service registered under that interface or filter, waiting for one. */
    static <T> T withService(String interfaceName, String filter, ServiceCall<T> action) throws Exception {
        BundleContext context = Bundles.context();
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            ServiceReference<?> reference = find(context, interfaceName, filter);
            if (reference != null) {
                Object service = context.getService(reference);
                if (service != null) {
                    try {
                        return action.apply(service);
                    } finally {
                        context.ungetService(reference);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                assertNotNull(reference, "no service " + interfaceName + " " + (filter == null ? "" : filter));
            }
            Thread.sleep(50);
        }
    }

    /** Waits until a service is registered under that interface. */
    static void awaitService(String interfaceName) throws Exception {
        withService(interfaceName, null, service -> null);
    }

    private static ServiceReference<?> find(BundleContext context, String interfaceName, String filter)
            throws InvalidSyntaxException {
        ServiceReference<?>[] found = context.getServiceReferences(interfaceName, filter);
        return found == null || found.length == 0 ? null : found[0];
    }

    /** Calls a public method of the object's class or of an interface it implements. */
    static Object call(Object target, String method, Class<?>[] types, Object... arguments) throws Exception {
        Method m = findMethod(target.getClass(), method, types);
        try {
            return m.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A static method of a class loaded through the loader of {@code peer} (a class of the same bundle). */
    static Object callStatic(Object peer, String className, String method, Class<?>[] types, Object... arguments)
            throws Exception {
        Class<?> type = peer.getClass().getClassLoader().loadClass(className);
        return type.getMethod(method, types).invoke(null, arguments);
    }

    private static Method findMethod(Class<?> type, String name, Class<?>[] types) throws NoSuchMethodException {
        // through an exported interface: the implementation class itself may be private to its bundle
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return i.getMethod(name, types);
                } catch (NoSuchMethodException e) {
                    // not declared by this interface
                }
            }
        }
        return type.getMethod(name, types);
    }
}
