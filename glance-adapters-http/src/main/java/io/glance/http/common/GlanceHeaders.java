package io.glance.http.common;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

/** Header names of the Glance API that Helidon does not define. */
public final class GlanceHeaders {
    /** Spelled lower case, as oslo.middleware sends it. */
    public static final HeaderName REQUEST_ID = HeaderNames.create("x-openstack-request-id");
    public static final HeaderName CONTENT_MD5 = HeaderNames.create("Content-MD5");
    public static final HeaderName IMPORT_METHODS = HeaderNames.create("OpenStack-image-import-methods");
    public static final HeaderName STORE_IDS = HeaderNames.create("OpenStack-image-store-ids");
    public static final HeaderName IMAGE_META_STORE = HeaderNames.create("X-Image-Meta-Store");

    private GlanceHeaders() {
    }
}
