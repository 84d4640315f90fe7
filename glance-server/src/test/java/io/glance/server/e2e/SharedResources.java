package io.glance.server.e2e;

/**
 * Names of what test classes share across the suite, for JUnit's {@code @ResourceLock}: glance-server's test classes
 * run two at a time (src/test/resources/junit-platform.properties), and a class that takes one of these locks never
 * runs beside another class holding the same lock.
 */
final class SharedResources {
    /**
     * The image services in the suite's Keystone catalog: Tempest tests the first image service it finds there and
     * refuses to run when another one is registered, so classes that register one take turns.
     */
    static final String KEYSTONE_IMAGE_CATALOG = "glance.test.keystone.image-catalog";

    /** The one glance-api port that bin/test's Varnish and Squid forward to ({@code glance.test.proxy.backend_port}). */
    static final String PROXY_BACKEND_PORT = "glance.test.proxy.backend_port";

    private SharedResources() {
    }
}
