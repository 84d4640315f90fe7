package io.glance.http.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Diablo's members routes under /v1/images: GET and PUT (replace) {@code /ID/members}, PUT and DELETE
 * {@code /ID/members/M}. {@code can_share} is accepted and always reported {@code false}: v2 members cannot re-share,
 * and pretending otherwise would let a v1 client believe a member may add others.
 */
final class MembersV1Service implements HttpService {
    private final V1Memberships memberships;
    private final ApiSettings settings;

    MembersV1Service(V1Memberships memberships, ApiSettings settings) {
        this.memberships = requireNonNull(memberships, "memberships is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/members", this::list)
                .put("/{id}/members", this::replace)
                .any("/{id}/members", MethodNotAllowed.allowing("GET, PUT"))
                .put("/{id}/members/{member}", this::add)
                .delete("/{id}/members/{member}", this::remove)
                .any("/{id}/members/{member}", MethodNotAllowed.allowing("PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ObjectNode body = Json.object();
        ArrayNode rendered = body.putArray("members");
        for (String memberId : memberships.list(RequestContexts.of(req), PathParameters.imageId(req))) {
            rendered.addObject().put("member_id", memberId).put("can_share", false);
        }
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void replace(ServerRequest req, ServerResponse res) {
        ImageId id = PathParameters.imageId(req);
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        JsonNode memberships = body.isObject() ? body.get("memberships") : null;
        if (memberships == null || !memberships.isArray()) {
            throw new InvalidInputException("Expected {\"memberships\": [{\"member_id\": ...}, ...]}, not " + body);
        }
        List<String> memberIds = new ArrayList<>();
        for (JsonNode membership : memberships) {
            JsonNode memberId = membership.isObject() ? membership.get("member_id") : null;
            if (memberId == null || !memberId.isTextual() || memberId.textValue().isBlank()) {
                throw new InvalidInputException("Each membership needs a member_id string, not " + membership);
            }
            memberIds.add(memberId.textValue());
        }
        this.memberships.replace(RequestContexts.of(req), id, memberIds);
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The optional body {@code {"member": {"can_share": b}}} is read and checked, then ignored (see class doc). */
    private void add(ServerRequest req, ServerResponse res) {
        ImageId id = PathParameters.imageId(req);
        if (RequestBodies.announced(req)) {
            JsonBodies.require(req, settings.maxJsonBodyBytes());
        }
        memberships.add(RequestContexts.of(req), id, PathParameters.get(req, "member"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        memberships.remove(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "member"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
