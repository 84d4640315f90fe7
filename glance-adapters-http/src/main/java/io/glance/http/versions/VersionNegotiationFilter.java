package io.glance.http.versions;

import io.glance.http.common.JsonResponses;
import io.glance.http.common.RequestUrls;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Glance's {@code versionnegotiation} middleware: {@code /versions} answers the versions document (200); a known
 * version, from {@code Accept: application/vnd.openstack.images-<ver>} or else the first path segment, is rewritten
 * to {@code /v2} or {@code /v1} ({@link ApiVersions#select}) and routed; anything else ({@code /}, {@code /images},
 * {@code /v1.1/...}, {@code /foo}) gets the document with 300.
 */
public final class VersionNegotiationFilter implements Filter {
    private static final String VENDOR_MEDIA_TYPE = "application/vnd.openstack.images-";
    private static final Status MULTIPLE_CHOICES = Status.create(300, "Multiple Choices");

    private final String publicEndpoint;
    private final boolean imageCache;

    /**
     * @param publicEndpoint the {@code public_endpoint} option, or {@code null} to use each request's Host
     * @param imageCache     whether the node has an image cache (then v2.14 and v2.16 are served and listed)
     */
    public VersionNegotiationFilter(String publicEndpoint, boolean imageCache) {
        this.publicEndpoint = publicEndpoint;
        this.imageCache = imageCache;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String rawPath = req.prologue().uriPath().rawPath();
        int start = 0;
        while (start < rawPath.length() && rawPath.charAt(start) == '/') {
            start++;
        }
        int end = rawPath.indexOf('/', start);
        end = end < 0 ? rawPath.length() : end;
        String first = rawPath.substring(start, end);
        if (first.equals("versions")) {
            sendVersions(req, res, Status.OK_200);
            return;
        }
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        String version;
        String rest;
        if (accept.startsWith(VENDOR_MEDIA_TYPE)) {
            version = accept.substring(VENDOR_MEDIA_TYPE.length());
            rest = rawPath;
        } else {
            version = first;
            rest = rawPath.substring(end);
        }
        Optional<ApiVersions.Api> api = ApiVersions.select(version, imageCache);
        if (api.isEmpty()) {
            sendVersions(req, res, MULTIPLE_CHOICES);
            return;
        }
        String routed = api.get().prefix() + rest;
        if (!routed.equals(rawPath)) {
            req.prologue(req.prologue().withUriPath(UriPath.create(routed)));
        }
        chain.proceed();
    }

    private void sendVersions(RoutingRequest req, RoutingResponse res, Status status) {
        JsonResponses.send(res, status, VersionsDocument.render(
                publicEndpoint != null ? publicEndpoint : RequestUrls.base(req), imageCache));
    }
}
