package io.glance.http.observe;

/**
 * One thing glance-api needs to work (the database, a store, glance-registry, Keystone), probed by
 * {@code /healthcheck}.
 *
 * @param name     what the answer calls it, e.g. {@code database} or {@code store file}
 * @param critical whether glance-api cannot serve without it: then {@code /healthcheck} answers 503 while it fails
 * @param probe    returns normally when reachable; throws with a message saying what is wrong otherwise
 */
public record HealthCheck(String name, boolean critical, Probe probe) {

    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }
}
