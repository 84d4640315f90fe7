package io.glance.registry.protocol;

/** The headers of the Registry API: Cactus's purge flag and this registry's preconditions for safe updates. */
public final class RegistryHeaders {
    /** Cactus: {@code true} removes every property the PUT does not name. */
    public static final String PURGE_PROPS = "X-Glance-Registry-Purge-Props";
    /**
     * Extension: the PUT replaces the whole image, but only while its stored status is this one
     * ({@link io.glance.ports.out.ImageRepository#update}); 409 otherwise.
     */
    public static final String EXPECTED_STATUS = "X-Glance-Registry-Expected-Status";
    /**
     * Extension: with value {@code true} the PUT body carries {@code "read"} beside {@code "image"}, and the image is
     * replaced only if it is still exactly {@code read} ({@link io.glance.ports.out.ImageRepository#updateIfUnchanged}).
     */
    public static final String IF_UNCHANGED = "X-Glance-Registry-If-Unchanged";

    private RegistryHeaders() {
    }
}
