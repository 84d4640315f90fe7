package io.glance.adapters.store;

import java.util.function.Supplier;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader. Libraries a plugin bundles
 * (JAXB, Jackson modules, cloud SDKs) look up their own resources through it, and would otherwise search the host.
 */
final class ContextClassLoader {

    private ContextClassLoader() {
    }

    static <T> T call(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(ClassLoader loader, Runnable action) {
        call(loader, () -> {
            action.run();
            return null;
        });
    }
}
