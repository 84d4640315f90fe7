vcl 4.1;

# Varnish (7.x) in front of glance-api: caches image data and nothing else, and never hands bytes to a caller
# glance-api has not just accepted. README, "Caching proxies", explains the design; in short:
#
#  * glance-api sends image data with a strong ETag, Last-Modified and "Cache-Control: no-cache". Varnish's built-in
#    VCL would not store such an answer (it makes a 120 s hit-for-miss object), so data answers are stored here for a
#    long time (the bytes of an image never change; a deleted or deactivated image is banned by glance-api's PURGE)
#    and marked as needing the caller's authorisation.
#  * Authorisation is asked of glance-api on every request for such an object, without touching the object: the
#    request becomes a HEAD passed to glance-api with the caller's X-Auth-Token (and its other headers). If glance-api
#    answers it with 200, 206 or 304, the request restarts as the caller's GET or HEAD and is delivered from the stored
#    object; any other answer (401, 403, 404, 412...) restarts it as a plain pass, so the caller gets glance-api's own
#    answer to its own request, body and WWW-Authenticate included, and never the stored bytes.
#    Why not a conditional GET that glance-api answers with 304 (Varnish's revalidation): Varnish answers a 304 by
#    copying the stored body into a new object, so concurrent revalidations of a 1 GiB image need a copy each, and
#    with storage for a few copies deliveries were cut short (bench/proxy.sh, 8 clients). The HEAD check copies
#    nothing: all callers share the one object.
#  * Public images that glance-api marks "public, max-age=..., immutable" (http_cache_public_max_age) are served
#    from here for max-age without asking.
#  * The first request for an image (a miss) is fetched from glance-api with the caller's token, which glance-api
#    checks itself; only a 200 with a validator is stored.
#  * Everything that is not image data (metadata, uploads, every other method) is passed straight through.
#  * PURGE from localhost (glance-api's http_cache_purge_urls) bans the image's data under both API versions.
#
# Change the backend to your glance-api; the tests (bin/lib/test-varnish.sh) rewrite its port.

backend glance_api {
    .host = "127.0.0.1";
    .port = "9292";
    # A store may take a while to produce the first byte of a large image (S3, Swift).
    .first_byte_timeout = 300s;
    .between_bytes_timeout = 120s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "PURGE is only accepted from glance-api"));
        }
        if (req.url ~ "^/v[12](\.[01])?/images/[0-9a-fA-F-]{36}(/file)?$") {
            # One ban for both data URLs of the image (v2 and v1), whatever Host they were fetched with.
            ban("obj.http.x-glance-image-id == " + regsub(req.url, "^/v[12](\.[01])?/images/([0-9a-fA-F-]{36}).*$", "\2"));
            return (synth(200, "Banned"));
        }
        return (synth(404, "Not an image data URL"));
    }
    if (req.restarts == 0) {
        # These carry this VCL's state across restarts: a caller may not set them.
        unset req.http.x-glance-step;
        unset req.http.x-glance-method;
    }
    if ((req.method == "GET" || req.method == "HEAD") &&
        (req.url ~ "^/v2/images/[0-9a-fA-F-]{36}/file$" || req.url ~ "^/v1(\.[01])?/images/[0-9a-fA-F-]{36}$")) {
        # X-Auth-Token (and Authorization, if any) go to glance-api with the authorisation check and with a miss's
        # fetch; the built-in VCL would pass requests with Authorization or Cookie instead, so it is not called.
        unset req.http.Cookie;
        if (req.http.x-glance-step == "check") {
            # Ask glance-api whether this caller may have the data: its answer to a HEAD, never stored.
            set req.method = "HEAD";
            return (pass);
        }
        if (req.http.x-glance-step == "refused") {
            # The caller gets glance-api's own answer to its own request.
            return (pass);
        }
        set req.grace = 0s;
        return (hash);
    }
    return (pass);
}

sub vcl_hash {
    # The object is the image's bytes: the same for every Host and every caller.
    hash_data(req.url);
    return (lookup);
}

sub vcl_hit {
    if (obj.http.x-glance-revalidate && req.http.x-glance-step != "authorized") {
        # A no-cache object: glance-api decides whether this caller gets it (vcl_recv, step "check").
        set req.http.x-glance-method = req.method;
        set req.http.x-glance-step = "check";
        return (restart);
    }
    return (deliver);
}

sub vcl_backend_fetch {
    unset bereq.http.x-glance-step;
    unset bereq.http.x-glance-method;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only complete data answers are kept.
    if (beresp.status == 200 && (beresp.http.ETag || beresp.http.Last-Modified)) {
        set beresp.http.x-glance-image-id = regsub(bereq.url, "^/v[12](\.[01])?/images/([0-9a-fA-F-]{36}).*$", "\2");
        if (beresp.http.Cache-Control ~ "(?i)no-cache") {
            # The bytes never change; who may have them is asked of glance-api on every request (vcl_hit).
            set beresp.ttl = 30d;
            set beresp.http.x-glance-revalidate = "1";
            set beresp.keep = 0s;
        } else {
            # Public images with max-age: served without asking until max-age, then revalidated.
            set beresp.keep = 30d;
        }
        set beresp.grace = 0s;
        # Stream large images to the first caller while they are stored.
        set beresp.do_stream = true;
        return (deliver);
    }
    # Errors and answers without data (401, 403, 404, 204...) are the caller's own: never stored, and no
    # hit-for-miss object either (ttl 0), so the stored bytes stay for the next authorised caller.
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-glance-step == "check") {
        # glance-api's answer to the authorisation HEAD.
        set req.method = req.http.x-glance-method;
        if (resp.status == 200 || resp.status == 206 || resp.status == 304) {
            set req.http.x-glance-step = "authorized";
        } else {
            set req.http.x-glance-step = "refused";
        }
        return (restart);
    }
    unset resp.http.x-glance-revalidate;
    unset resp.http.x-glance-image-id;
}
