vcl 4.1;

# Varnish (7.x) in front of glance-api: caches image data and nothing else, and never hands bytes to a caller
# glance-api has not just accepted. README, "Caching proxies", explains the design; in short:
#
#  * glance-api sends image data with a strong ETag, Last-Modified and "Cache-Control: no-cache". Varnish's built-in
#    VCL would not store such an answer (it makes a 120 s hit-for-miss object), and an object stored with a TTL of 0
#    is never found again. So data answers are kept with a tiny TTL, no grace and a long keep: the bytes stay on
#    this node, and every request for them is sent to glance-api as a conditional GET (If-None-Match, with the
#    caller's X-Auth-Token), which glance-api answers with a body-less 304 after checking the token. A 304 makes
#    Varnish send its stored bytes; a 401, 403 or 404 goes to the caller as it is.
#  * A hit within the tiny TTL (1 ms) would skip glance-api, so vcl_hit restarts such a request with a req.ttl of
#    1 ms: it becomes a fetch from glance-api too. Grace is 0 for the same reason: a graced object is delivered before glance-api
#    has answered.
#  * Public images that glance-api marks "public, max-age=..., immutable" (http_cache_public_max_age) are served
#    from here for max-age without asking.
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
    if ((req.method == "GET" || req.method == "HEAD") &&
        (req.url ~ "^/v2/images/[0-9a-fA-F-]{36}/file$" || req.url ~ "^/v1(\.[01])?/images/[0-9a-fA-F-]{36}$")) {
        # X-Auth-Token (and Authorization, if any) are forwarded to glance-api with every revalidation; the
        # built-in VCL would pass requests with Authorization or Cookie instead, so it is not called.
        if (req.restarts == 0) {
            unset req.http.x-glance-revalidate;
        } else if (req.http.x-glance-revalidate) {
            # Varnish ignores a req.ttl of 0; any object older than a millisecond is now stale.
            set req.ttl = 0.001s;
        }
        set req.grace = 0s;
        unset req.http.Cookie;
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
    if (obj.http.x-glance-revalidate && !req.http.x-glance-revalidate) {
        # A no-cache object still within its tiny TTL: ask glance-api anyway.
        set req.http.x-glance-revalidate = "1";
        return (restart);
    }
    return (deliver);
}

sub vcl_backend_fetch {
    unset bereq.http.x-glance-revalidate;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only complete data answers are kept (a 304 from glance-api arrives here as the stored 200, was_304 true).
    if (beresp.status == 200 && (beresp.http.ETag || beresp.http.Last-Modified)) {
        set beresp.http.x-glance-image-id = regsub(bereq.url, "^/v[12](\.[01])?/images/([0-9a-fA-F-]{36}).*$", "\2");
        if (beresp.http.Cache-Control ~ "(?i)no-cache") {
            # Tiny, not 0: an object with a TTL of 0 is never found again, so it could not be revalidated. Only an
            # object past its own TTL is revalidated (a shorter req.ttl just makes a full fetch).
            set beresp.ttl = 0.001s;
            set beresp.http.x-glance-revalidate = "1";
        }
        set beresp.grace = 0s;
        set beresp.keep = 30d;
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
    unset resp.http.x-glance-revalidate;
    unset resp.http.x-glance-image-id;
}
