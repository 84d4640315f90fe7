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

    /**
     * Extension: with value {@code true} a POST carries a whole image as the API made it (the registry client's
     * {@code create}): stored as it is, without Cactus's defaults for missing fields and without Cactus's
     * registry-only rules (aki/ari/ami must match), which API v2 does not have. Whole-image PUTs (with
     * {@link #EXPECTED_STATUS} or {@link #IF_UNCHANGED}) are treated the same way. Such a POST is answered 204 without
     * a body: the caller has the image it sent (earlier registries answered 200 with it, which the client ignores).
     */
    public static final String WHOLE_IMAGE = "X-Glance-Registry-Whole-Image";

    /**
     * oslo.middleware's request id: glance-api sends the id of the API request a registry call serves, and
     * glance-registry answers and logs under it (instead of making one of its own), so one id follows a request
     * through both services' logs. At most {@link #MAX_REQUEST_ID_LENGTH} characters, or the registry refuses it.
     */
    public static final String REQUEST_ID = "X-Openstack-Request-ID";
    /** oslo.middleware's {@code max_request_id_length}, which glance-registry enforces as glance-api does. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    private RegistryHeaders() {
    }
}
