package io.glance.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.registry.protocol.ContextDocument;
import io.glance.registry.protocol.ImageDocument;
import io.glance.registry.protocol.MemberDocument;
import io.glance.registry.protocol.QueryDocument;
import io.glance.registry.protocol.RegistryHeaders;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageRepository} kept by a remote glance-registry (Glance's original split: glance-api stateless, the
 * registry owning the database). Every call is one HTTP request; the registry runs the same repository behind it, so
 * conditional and optimistic updates keep their meaning across the wire (the preconditions travel in
 * {@link RegistryHeaders}).
 */
public final class RegistryImageRepository implements ImageRepository, MemberRepository, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    /**
     * @param registry the registry's base URL, e.g. {@code http://registry.example.org:9191/}
     * @param timeout  how long one request may take, connecting included, before it fails with 503
     */
    public RegistryImageRepository(URI registry, Duration timeout) {
        this(registry, timeout, null, null);
    }

    /**
     * @param token glance-api's own Keystone token, sent with every request to a registry that checks tokens
     *              ({@code auth_strategy: keystone}); {@code null} for a registry without authentication
     */
    public RegistryImageRepository(URI registry, Duration timeout, Supplier<String> token) {
        this(registry, timeout, token, null);
    }

    /**
     * @param registry the registry's base URL, {@code https://} for a registry serving TLS
     * @param timeout  how long one request may take, connecting included, before it fails with 503
     * @param token    glance-api's own Keystone token for every request, or {@code null} without authentication
     * @param tls      the CA to trust and the client certificate to present over https, or {@code null} for the
     *                 JDK's defaults
     */
    public RegistryImageRepository(URI registry, Duration timeout, Supplier<String> token,
                                   javax.net.ssl.SSLContext tls) {
        this(registry, timeout, token, tls, () -> null);
    }

    /**
     * As above, each call carrying the request id {@code requestId} gives at the time ({@code null}: none), which
     * glance-registry then answers and logs under ({@link RegistryHeaders#REQUEST_ID}).
     */
    public RegistryImageRepository(URI registry, Duration timeout, Supplier<String> token,
                                   javax.net.ssl.SSLContext tls, Supplier<String> requestId) {
        requireNonNull(registry, "registry is null");
        String base = registry.toString();
        this.transport = new RegistryTransport(URI.create(base.endsWith("/") ? base : base + "/"), timeout, token,
                tls, requestId);
    }

    /**
     * Closes the connections to glance-registry and ends the thread that watches their deadlines; the
     * {@link #tasks()} over them stop working too.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** The tasks glance-registry keeps beside the images (its /tasks), over the same connections. */
    public RegistryTaskRepository tasks() {
        return new RegistryTaskRepository(transport);
    }

    @Override
    public void create(Image image) {
        transport.send("POST", "images", json -> {
            json.writeStartObject();
            json.writeFieldName("image");
            ImageDocument.write(image, json);
            json.writeEndObject();
        }, Map.of(RegistryHeaders.WHOLE_IMAGE, "true"), answer -> null);
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        try {
            return Optional.of(transport.send("GET", imagePath(id), null, Map.of(), RegistryAnswers::image));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        return transport.send("PUT", imagePath(image.id()), json -> {
            json.writeStartObject();
            json.writeFieldName("image");
            ImageDocument.write(image, json);
            json.writeEndObject();
        }, Map.of(RegistryHeaders.EXPECTED_STATUS, expectedStatus.wireName()), RegistryAnswers::image);
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        return transport.send("PUT", imagePath(changed.id()), json -> {
            json.writeStartObject();
            json.writeFieldName("image");
            ImageDocument.write(changed, json);
            json.writeFieldName("read");
            ImageDocument.write(read, json);
            json.writeEndObject();
        }, Map.of(RegistryHeaders.IF_UNCHANGED, "true"), RegistryAnswers::image);
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        List<Image> images = transport.send("POST", "images/search", json -> {
            json.writeStartObject();
            json.writeFieldName("query");
            QueryDocument.write(query, json);
            json.writeFieldName("context");
            ContextDocument.write(context, json);
            json.writeEndObject();
        }, Map.of(), RegistryAnswers::images);
        return images == null ? List.of() : images;
    }

    @Override
    public void addMember(ImageMember member) {
        transport.send("POST", imagePath(member.imageId()) + "/members", wrap("member", MemberDocument.write(member)),
                Map.of());
    }

    @Override
    public Optional<ImageMember> findMember(ImageId imageId, String memberId) {
        try {
            JsonNode answer = transport.send("GET", memberPath(imageId, memberId), null, Map.of());
            return Optional.of(MemberDocument.read(imageId, answer.get("member"), Instant.EPOCH));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ImageMember> listMembers(ImageId imageId) {
        JsonNode answer = transport.send("GET", imagePath(imageId) + "/members", null, Map.of());
        List<ImageMember> members = new ArrayList<>();
        for (JsonNode member : answer.path("members")) {
            members.add(MemberDocument.read(imageId, member, Instant.EPOCH));
        }
        return members;
    }

    @Override
    public void updateMember(ImageMember member) {
        transport.send("PUT", memberPath(member.imageId(), member.memberId()),
                wrap("member", MemberDocument.write(member)), Map.of());
    }

    @Override
    public void deleteMember(ImageId imageId, String memberId) {
        transport.send("DELETE", memberPath(imageId, memberId), null, Map.of());
    }

    private static ObjectNode wrap(String name, ObjectNode document) {
        ObjectNode body = JSON.createObjectNode();
        body.set(name, document);
        return body;
    }

    private static String imagePath(ImageId id) {
        return "images/" + id.value();
    }

    private static String memberPath(ImageId imageId, String memberId) {
        return imagePath(imageId) + "/members/" + URLEncoder.encode(memberId, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
