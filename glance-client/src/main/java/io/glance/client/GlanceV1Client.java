package io.glance.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A client of Glance's API v1 (the original "Client class", Glance v1 §7, with Diablo's paging, filters and members):
 * metadata travels in {@code x-image-meta-*} headers, data is streamed in the POST or PUT body and verified against
 * the md5 checksum on download. Thread-safe; one instance per endpoint. Failures are the same typed exceptions as
 * {@link GlanceClient}'s.
 */
public final class GlanceV1Client {
    private static final String IMAGES = "/v1/images";

    private final Transport transport;

    private GlanceV1Client(Transport transport) {
        this.transport = transport;
    }

    /**
     * A client connected as the settings say: with an image URL and a token as they are, or after logging in to
     * Keystone (password or token) with the image endpoint from its catalog unless one is given; with the settings'
     * TLS trust. A password login is repeated once when glance-api rejects the token with 401.
     *
     * @throws KeystoneException        Keystone refused the login or could not be reached
     * @throws EndpointNotFoundException the catalog has no image endpoint for the interface and region
     * @throws IllegalArgumentException the settings name no way to connect, or the CA file is unreadable
     */
    public static GlanceV1Client connect(ConnectionSettings settings) {
        return new GlanceV1Client(Connections.transport(java.util.Objects.requireNonNull(settings, "settings is null"),
                "/v1"));
    }

    /** A client without a token (glance-api's no-auth pipeline). */
    public static GlanceV1Client create(URI endpoint) {
        return new GlanceV1Client(new Transport(Endpoints.normalize(endpoint, "/v1"), Optional.empty()));
    }

    /** A client sending {@code X-Auth-Token: token} on every request. */
    public static GlanceV1Client create(URI endpoint, String token) {
        return new GlanceV1Client(new Transport(Endpoints.normalize(endpoint, "/v1"),
                Optional.of(requireNonNull(token, "token is null"))));
    }

    public URI endpoint() {
        return transport.endpoint();
    }

    // ---- metadata -----------------------------------------------------------------------------------------------

    /** One page of {@code GET /v1/images}: id, name, formats, size and checksum of each image. */
    public List<ImageV1> list(ImageQueryV1 query) {
        return images(IMAGES + query.queryString());
    }

    /** One page of {@code GET /v1/images/detail}: every field and the properties of each image. */
    public List<ImageV1> listDetailed(ImageQueryV1 query) {
        return images(IMAGES + "/detail" + query.queryString());
    }

    /** {@code HEAD /v1/images/<id>}: the image's metadata from the answer's headers. */
    public ImageV1 meta(String imageId) {
        String path = imagePath(imageId);
        HttpResponse<String> response = transport.send(transport.request(path)
                .method("HEAD", BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        Transport.check("HEAD", path, response.statusCode(), Transport.contentType(response), response.body());
        return HeadersV1.fromHeaders(response.headers());
    }

    /** Reserves an image without data: {@code queued}, or {@code active} when {@code meta} has a location. */
    public ImageV1 add(ImageMetaV1 meta) {
        return send("POST", IMAGES, meta, null);
    }

    /** Creates an image and uploads a file in the same request, its size as Content-Length. */
    public ImageV1 add(ImageMetaV1 meta, Path file, ProgressListener progress) {
        return send("POST", IMAGES, meta, UploadBody.of(file, progress));
    }

    /** Creates an image and uploads a stream: sized when {@code size >= 0}, else chunked. The stream is not closed. */
    public ImageV1 add(ImageMetaV1 meta, InputStream data, long size, ProgressListener progress) {
        return send("POST", IMAGES, meta, UploadBody.of(data, size, progress));
    }

    /**
     * {@code PUT /v1/images/<id>}: the fields sent replace the stored ones, the others are kept; properties not sent
     * are removed (v1's purge), so send every property the image should keep.
     */
    public ImageV1 update(String imageId, ImageMetaV1 meta) {
        return send("PUT", imagePath(imageId), meta, null);
    }

    /** Updates a queued image and uploads its data from a file in the same request. */
    public ImageV1 update(String imageId, ImageMetaV1 meta, Path file, ProgressListener progress) {
        return send("PUT", imagePath(imageId), meta, UploadBody.of(file, progress));
    }

    /** Updates a queued image and uploads its data from a stream: sized when {@code size >= 0}, else chunked. */
    public ImageV1 update(String imageId, ImageMetaV1 meta, InputStream data, long size, ProgressListener progress) {
        return send("PUT", imagePath(imageId), meta, UploadBody.of(data, size, progress));
    }

    public void delete(String imageId) {
        String path = imagePath(imageId);
        transport.json("DELETE", path, null, null);
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    /**
     * Streams the image's data into a file and verifies it against {@code x-image-meta-checksum} (md5), falling back to
     * the {@code ETag}. On any failure, a mismatch included, the partly written file is deleted.
     */
    public DownloadResult download(String imageId, Path target, ProgressListener progress) {
        return DownloadFile.write(target, out -> download(imageId, out, progress));
    }

    /** Streams the image's data into {@code out} (not closed); the bytes are written before the check can fail. */
    public DownloadResult download(String imageId, OutputStream out, ProgressListener progress) {
        requireNonNull(out, "out is null");
        requireNonNull(progress, "progress is null");
        return Download.run(transport, imageId, imagePath(imageId), out, progress, () -> -1L, new Md5Check());
    }

    /** API v1: the md5 in {@code x-image-meta-checksum}, else the ETag, both headers of the data's own answer. */
    private static final class Md5Check implements Download.Check {
        @Override
        public void failFirst() {
            // nothing asked beside the data request
        }

        @Override
        public String algorithm(DataResponse response) {
            return expected(response).algorithm();
        }

        @Override
        public Download.Expected expected(DataResponse response) {
            Optional<String> md5 = response.header(HeadersV1.PREFIX + "checksum")
                    .filter(value -> !value.isBlank())
                    .or(() -> response.header("ETag").map(etag -> etag.replace("\"", ""))
                            .filter(value -> !value.isBlank()));
            return md5.map(value -> new Download.Expected("md5", value)).orElse(Download.Expected.NONE);
        }
    }

    // ---- members (Diablo) ---------------------------------------------------------------------------------------

    public List<MemberV1> members(String imageId) {
        Map<String, Object> body = transport.json("GET", imagePath(imageId) + "/members", null, null);
        return objects(body, "members", json -> new MemberV1(text(json, "member_id"), flag(json, "can_share")));
    }

    /** Replaces the image's member list with {@code members}. */
    public void replaceMembers(String imageId, List<MemberV1> members) {
        List<Map<String, Object>> memberships = new ArrayList<>();
        for (MemberV1 member : members) {
            memberships.add(Map.of("member_id", member.id(), "can_share", member.canShare()));
        }
        transport.json("PUT", imagePath(imageId) + "/members", "application/json",
                Map.of("memberships", memberships));
    }

    public void addMember(String imageId, String memberId, boolean canShare) {
        transport.json("PUT", memberPath(imageId, memberId), "application/json",
                Map.of("member", Map.of("can_share", canShare)));
    }

    public void removeMember(String imageId, String memberId) {
        transport.json("DELETE", memberPath(imageId, memberId), null, null);
    }

    /** The images shared with {@code memberId}. */
    public List<SharedImageV1> sharedImages(String memberId) {
        Map<String, Object> body = transport.json("GET",
                "/v1/shared-images/" + Endpoints.segment(requireNonNull(memberId, "memberId is null")), null, null);
        return objects(body, "shared_images",
                json -> new SharedImageV1(text(json, "image_id"), flag(json, "can_share")));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private List<ImageV1> images(String pathAndQuery) {
        return objects(transport.json("GET", pathAndQuery, null, null), "images", HeadersV1::fromJson);
    }

    /** POST or PUT with the metadata as headers and, if given, the data as an octet-stream body. */
    private ImageV1 send(String method, String path, ImageMetaV1 meta, BodyPublisher data) {
        requireNonNull(meta, "meta is null");
        HttpRequest.Builder builder = transport.request(path);
        String[] headers = HeadersV1.toHeaders(meta);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        if (data == null) {
            builder.method(method, BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/octet-stream").method(method, data);
        }
        Map<String, Object> body = transport.json(method, path, builder.build());
        if (!(body.get("image") instanceof Map<?, ?> image)) {
            throw new GlanceClientException(0, "", method + " " + path + " answered without an image object: " + body);
        }
        return HeadersV1.fromJson(cast(image));
    }

    private static <T> List<T> objects(Map<String, Object> body, String key, Function<Map<String, Object>, T> read) {
        List<T> result = new ArrayList<>();
        if (body.get(key) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    result.add(read.apply(cast(map)));
                }
            }
        }
        return List.copyOf(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    private static boolean flag(Map<String, Object> json, String key) {
        return Boolean.parseBoolean(text(json, key));
    }

    private static String imagePath(String imageId) {
        requireNonNull(imageId, "imageId is null");
        if (imageId.isBlank()) {
            throw new IllegalArgumentException("image id is blank");
        }
        return IMAGES + "/" + Endpoints.segment(imageId);
    }

    private static String memberPath(String imageId, String memberId) {
        return imagePath(imageId) + "/members/" + Endpoints.segment(requireNonNull(memberId, "memberId is null"));
    }
}
