package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.util.Objects.requireNonNull;

/**
 * A client for the Images API v2 of one glance-api endpoint. Thread-safe; image data is streamed both ways, never
 * held in memory. Every failure is a {@link GlanceClientException}: a subclass per HTTP status carrying the server's
 * message, {@link GlanceConnectionException} without an answer, {@link ChecksumMismatchException} for a corrupt
 * download.
 */
public final class GlanceClient implements AutoCloseable {
    static final String PATCH_TYPE = "application/openstack-images-v2.1-json-patch";

    private final Transport transport;

    private GlanceClient(Transport transport) {
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
    public static GlanceClient connect(ConnectionSettings settings) {
        return new GlanceClient(Connections.transport(java.util.Objects.requireNonNull(settings, "settings is null"),
                "/v2"));
    }

    /** A client without a token (glance-api's no-auth pipeline). */
    public static GlanceClient create(URI endpoint) {
        return new GlanceClient(new Transport(Endpoints.normalize(endpoint, "/v2"), Optional.empty()));
    }

    /** A client sending {@code X-Auth-Token: token} on every request. */
    public static GlanceClient create(URI endpoint, String token) {
        return new GlanceClient(new Transport(Endpoints.normalize(endpoint, "/v2"),
                Optional.of(requireNonNull(token, "token is null"))));
    }

    /** The endpoint without a trailing {@code /} or {@code /v2}, as glanceclient strips it. */
    public URI endpoint() {
        return transport.endpoint();
    }

    /**
     * Releases the connections and the HTTP client's selector thread (of this client and of its {@link #metadefs()}
     * and {@link #cache()}); requests still in flight fail, and the client is not to be used afterwards (its JSON
     * requests throw {@link IllegalStateException}). Idempotent. A process that exits should close its client first: HotSpot's exit waits up to
     * 0.3 s for that thread, which sits in native code while the client lives.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** The metadata definitions catalog of the same endpoint, with the same token. */
    public MetadefClient metadefs() {
        return new MetadefClient(transport);
    }

    /** The image cache API (v2.14) of the same endpoint, with the same token. */
    public CacheClient cache() {
        return new CacheClient(transport);
    }

    // ---- images ------------------------------------------------------------------------------------------------

    public Image create(NewImage image) {
        requireNonNull(image, "image is null");
        return new Image(transport.json("POST", "/v2/images", "application/json", image.toJson()));
    }

    public Image show(String imageId) {
        return new Image(transport.json("GET", imagePath(imageId), null, null));
    }

    /** Every image matching the query, fetching pages lazily as the stream is consumed. */
    public Stream<Image> list(ImageQuery query) {
        requireNonNull(query, "query is null");
        Iterator<Image> pages = new ImagePages(this, "/v2/images?" + query.toQueryString());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Applies the operations in order (saved once by the server) and returns the updated image. */
    public Image update(String imageId, List<PatchOperation> operations) {
        requireNonNull(operations, "operations is null");
        List<Map<String, Object>> patch = new ArrayList<>();
        operations.forEach(operation -> patch.add(operation.toJson()));
        return new Image(transport.json("PATCH", imagePath(imageId), PATCH_TYPE, patch));
    }

    public void delete(String imageId) {
        transport.json("DELETE", imagePath(imageId), null, null);
    }

    public void deactivate(String imageId) {
        transport.json("POST", imagePath(imageId) + "/actions/deactivate", null, null);
    }

    public void reactivate(String imageId) {
        transport.json("POST", imagePath(imageId) + "/actions/reactivate", null, null);
    }

    // ---- tags and members --------------------------------------------------------------------------------------

    public void addTag(String imageId, String tag) {
        transport.json("PUT", tagPath(imageId, tag), null, null);
    }

    public void removeTag(String imageId, String tag) {
        transport.json("DELETE", tagPath(imageId, tag), null, null);
    }

    public List<Member> members(String imageId) {
        Object members = transport.json("GET", imagePath(imageId) + "/members", null, null).get("members");
        List<Member> result = new ArrayList<>();
        if (members instanceof List<?> list) {
            for (Object member : list) {
                result.add(member(castObject(member)));
            }
        }
        return List.copyOf(result);
    }

    public Member member(String imageId, String memberId) {
        return member(transport.json("GET", memberPath(imageId, memberId), null, null));
    }

    public Member addMember(String imageId, String memberId) {
        requireNonNull(memberId, "memberId is null");
        return member(transport.json("POST", imagePath(imageId) + "/members", "application/json",
                Map.of("member", memberId)));
    }

    /** Sets the member's status: {@code pending}, {@code accepted} or {@code rejected}. */
    public Member updateMember(String imageId, String memberId, String status) {
        requireNonNull(status, "status is null");
        return member(transport.json("PUT", memberPath(imageId, memberId), "application/json",
                Map.of("status", status)));
    }

    public void removeMember(String imageId, String memberId) {
        transport.json("DELETE", memberPath(imageId, memberId), null, null);
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    /** Uploads a file with its size as Content-Length, streamed from disk. */
    public void upload(String imageId, Path file, ProgressListener progress) {
        putData(imagePath(imageId) + "/file", fileBody(file, progress));
    }

    /**
     * Uploads a file through a resumable (tus 1.0.0) session and imports it: after a dropped or refused connection
     * or a 5xx answer it waits (exponential backoff as {@code settings} say), asks the server how many bytes it holds
     * and sends only the rest. Returns once the image is active and its {@code os_hash_value} matches the file.
     *
     * @throws ChecksumMismatchException the server's digest of the data is not the file's
     * @throws GlanceClientException     a failure that is not worth retrying, or the retries ran out
     */
    public ResumableUploadResult uploadResumable(String imageId, Path file, ResumeSettings settings,
            ProgressListener progress) {
        requireNonNull(file, "file is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(progress, "progress is null");
        imagePath(imageId);
        return new ResumableUpload(transport, this::show, imageId, file, settings, progress,
                duration -> Thread.sleep(duration)).run();
    }

    /** Whether the server offers resumable uploads (tus 1.0.0 on {@code /v2/images/{id}/uploads}). */
    public boolean offersResumableUploads(String imageId) {
        return ResumableUpload.offered(transport, imagePath(imageId));
    }

    /**
     * Uploads a stream: with {@code size >= 0} as Content-Length (the stream must hold exactly that many bytes),
     * with {@code size < 0} chunked. The stream is read once and not closed.
     */
    public void upload(String imageId, InputStream data, long size, ProgressListener progress) {
        putData(imagePath(imageId) + "/file", DataBody.stream(data, size, progress));
    }

    /** PUT of image data (upload or stage), streamed in 1 MiB blocks over a plain connection. */
    private void putData(String path, DataBody body) {
        try (DataResponse response = transport.data("PUT", path,
                Map.of("Content-Type", "application/octet-stream"), body)) {
            response.check("PUT", path);
        }
    }

    private static DataBody fileBody(Path file, ProgressListener progress) {
        requireNonNull(file, "file is null");
        try {
            return DataBody.file(file, Files.size(file), progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Streams the image's data into a file and verifies it: {@code os_hash_value} with {@code os_hash_algo}, else
     * the md5 {@code checksum}, else the {@code Content-MD5} header. On any failure, the mismatch included, the
     * partly written file is deleted.
     */
    public DownloadResult download(String imageId, Path target, ProgressListener progress) {
        return DownloadFile.write(target, out -> download(imageId, out, progress));
    }

    /**
     * Streams the image's data into {@code out} (not closed) and verifies it as
     * {@link #download(String, Path, ProgressListener)} does; the bytes are written before the check can fail.
     */
    public DownloadResult download(String imageId, OutputStream out, ProgressListener progress) {
        requireNonNull(out, "out is null");
        requireNonNull(progress, "progress is null");
        return Download.run(transport, imageId, () -> show(imageId), imagePath(imageId) + "/file", out, progress);
    }

    // ---- interoperable import and tasks -------------------------------------------------------------------------

    /** The import methods the server offers ({@code /v2/info/import}). */
    public List<String> importMethods() {
        Object methods = transport.json("GET", "/v2/info/import", null, null).get("import-methods");
        List<String> result = new ArrayList<>();
        if (methods instanceof Map<?, ?> map && map.get("value") instanceof List<?> values) {
            values.forEach(value -> result.add(String.valueOf(value)));
        }
        return List.copyOf(result);
    }

    /** Stages a file for a glance-direct import (PUT /stage), streamed from disk with its size. */
    public void stage(String imageId, Path file, ProgressListener progress) {
        putData(imagePath(imageId) + "/stage", fileBody(file, progress));
    }

    /** Stages a stream (sized with {@code size >= 0}, else chunked); it is read once and not closed. */
    public void stage(String imageId, InputStream data, long size, ProgressListener progress) {
        putData(imagePath(imageId) + "/stage", DataBody.stream(data, size, progress));
    }

    /** Starts an import (POST /import); the server answers 202 and works on it as a task. */
    public void importImage(String imageId, ImportRequest request) {
        requireNonNull(request, "request is null");
        transport.json("POST", imagePath(imageId) + "/import", "application/json", request.toJson());
    }

    /** The image's tasks, oldest first. */
    public List<Task> imageTasks(String imageId) {
        return tasks(transport.json("GET", imagePath(imageId) + "/tasks", null, null));
    }

    /** The legacy tasks list ({@code /v2/tasks}, admins only), newest first, one page of at most {@code limit}. */
    public List<Task> tasks(int limit) {
        return tasks(transport.json("GET", "/v2/tasks?limit=" + limit, null, null));
    }

    /** One task ({@code /v2/tasks/{id}}, admins only). */
    public Task task(String taskId) {
        requireNonNull(taskId, "taskId is null");
        return Task.of(transport.json("GET", "/v2/tasks/" + Endpoints.segment(taskId), null, null));
    }

    private static List<Task> tasks(Map<String, Object> body) {
        List<Task> result = new ArrayList<>();
        if (body.get("tasks") instanceof List<?> list) {
            for (Object task : list) {
                result.add(Task.of(castObject(task)));
            }
        }
        return List.copyOf(result);
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /** One page of a listing: the images and the path of the next page, if any. */
    record Page(List<Image> images, Optional<String> next) {
    }

    Page page(String pathAndQuery) {
        Map<String, Object> body = transport.json("GET", pathAndQuery, null, null);
        List<Image> images = new ArrayList<>();
        if (body.get("images") instanceof List<?> list) {
            for (Object image : list) {
                images.add(new Image(castObject(image)));
            }
        }
        Object next = body.get("next");
        return new Page(List.copyOf(images), next instanceof String link && !link.isEmpty()
                ? Optional.of(link) : Optional.empty());
    }

    private static Member member(Map<String, Object> json) {
        return new Member(text(json, "image_id"), text(json, "member_id"), text(json, "status"),
                text(json, "created_at"), text(json, "updated_at"));
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castObject(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new GlanceClientException(0, "", "expected a JSON object, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static String imagePath(String imageId) {
        requireNonNull(imageId, "imageId is null");
        if (imageId.isBlank()) {
            throw new IllegalArgumentException("image id is blank");
        }
        return "/v2/images/" + Endpoints.segment(imageId);
    }

    private static String tagPath(String imageId, String tag) {
        return imagePath(imageId) + "/tags/" + Endpoints.segment(requireNonNull(tag, "tag is null"));
    }

    private static String memberPath(String imageId, String memberId) {
        return imagePath(imageId) + "/members/" + Endpoints.segment(requireNonNull(memberId, "memberId is null"));
    }

}
