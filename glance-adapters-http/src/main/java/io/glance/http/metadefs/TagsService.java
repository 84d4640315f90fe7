package io.glance.http.metadefs;

import io.glance.domain.InvalidInputException;
import io.glance.domain.metadef.MetadefNames;
import io.glance.domain.metadef.MetadefTag;
import io.glance.http.ApiSettings;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.metadef.MetadefTags;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** /v2/metadefs/namespaces/{ns}/tags[/{tag}] (spec §7). */
final class TagsService implements HttpService {
    private static final Set<String> TRUE_WORDS = Set.of("1", "t", "true", "on", "y", "yes");

    private final MetadefTags tags;
    private final ApiSettings settings;

    TagsService(MetadefTags tags, ApiSettings settings) {
        this.tags = requireNonNull(tags, "tags is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/namespaces/{ns}/tags", this::list)
                .post("/namespaces/{ns}/tags", this::createAll)
                .delete("/namespaces/{ns}/tags", this::deleteAll)
                .any("/namespaces/{ns}/tags", MethodNotAllowed.allowing("GET, POST, DELETE"))
                .get("/namespaces/{ns}/tags/{tag}", this::show)
                .post("/namespaces/{ns}/tags/{tag}", this::create)
                .put("/namespaces/{ns}/tags/{tag}", this::update)
                .delete("/namespaces/{ns}/tags/{tag}", this::delete)
                .any("/namespaces/{ns}/tags/{tag}", MethodNotAllowed.allowing("GET, POST, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<MetadefTag> found = tags.list(RequestContexts.of(req), PathParameters.get(req, "ns"),
                MetadefQueries.tags(req.query()));
        JsonResponses.send(res, Status.OK_200, MetadefViews.tagNames(found));
    }

    private void createAll(ServerRequest req, ServerResponse res) {
        List<String> names = MetadefBodies.tagNames(JsonBodies.require(req, settings.maxJsonBodyBytes()));
        boolean append = req.headers().first(HeaderNames.create("X-Openstack-Append"))
                .map(value -> TRUE_WORDS.contains(value.strip().toLowerCase(Locale.ROOT))).orElse(false);
        List<MetadefTag> created = tags.createAll(RequestContexts.of(req), PathParameters.get(req, "ns"), names,
                append);
        JsonResponses.send(res, Status.CREATED_201, MetadefViews.tagNames(created));
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        String name = PathParameters.get(req, "tag");
        if (name.codePointCount(0, name.length()) > MetadefNames.MAX_LENGTH) {
            throw new InvalidInputException("Tag name '" + name + "' is longer than " + MetadefNames.MAX_LENGTH
                    + " characters");
        }
        MetadefTag created = tags.create(RequestContexts.of(req), PathParameters.get(req, "ns"), name);
        JsonResponses.send(res, Status.CREATED_201, MetadefViews.tag(created));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        MetadefTag tag = tags.show(RequestContexts.of(req), PathParameters.get(req, "ns"),
                PathParameters.get(req, "tag"));
        JsonResponses.send(res, Status.OK_200, MetadefViews.tag(tag));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String newName = MetadefBodies.tagName(JsonBodies.require(req, settings.maxJsonBodyBytes()));
        MetadefTag updated = tags.update(RequestContexts.of(req), PathParameters.get(req, "ns"),
                PathParameters.get(req, "tag"), newName);
        JsonResponses.send(res, Status.OK_200, MetadefViews.tag(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        tags.delete(RequestContexts.of(req), PathParameters.get(req, "ns"), PathParameters.get(req, "tag"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        tags.deleteAll(RequestContexts.of(req), PathParameters.get(req, "ns"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
