package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageMember;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageMembers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** /v2/images/{id}/members and /v2/images/{id}/members/{member} (spec §2.5). Adding answers 200, as Glance does. */
final class ImageMembersService implements HttpService {
    private final ImageMembers members;
    private final ApiSettings settings;

    ImageMembersService(ImageMembers members, ApiSettings settings) {
        this.members = requireNonNull(members, "members is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/members", this::list)
                .post("/{id}/members", this::add)
                .any("/{id}/members", MethodNotAllowed.allowing("GET, POST"))
                .get("/{id}/members/{member}", this::show)
                .put("/{id}/members/{member}", this::updateStatus)
                .delete("/{id}/members/{member}", this::remove)
                .any("/{id}/members/{member}", MethodNotAllowed.allowing("GET, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        List<ImageMember> found = members.list(RequestContexts.of(req), PathParameters.imageId(req));
        ObjectNode body = Json.object();
        ArrayNode rendered = body.putArray("members");
        found.forEach(member -> rendered.add(MemberJson.render(member)));
        body.put("schema", "/v2/schemas/members");
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void add(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        if (!body.isObject()) {
            throw new InvalidInputException("Expected a member in the form: {\"member\": \"image_id\"}, not " + body);
        }
        JsonNode member = body.get("member");
        if (member == null) {
            throw new InvalidInputException("Member to be added not specified: " + body);
        }
        if (!member.isTextual()) {
            throw new InvalidInputException("Member must be a string, not " + member);
        }
        if (member.textValue().isEmpty()) {
            throw new InvalidInputException("Member can't be empty");
        }
        ImageMember added = members.add(RequestContexts.of(req), PathParameters.imageId(req), member.textValue());
        JsonResponses.send(res, Status.OK_200, MemberJson.render(added));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ImageMember member = members.show(RequestContexts.of(req), PathParameters.imageId(req),
                PathParameters.get(req, "member"));
        JsonResponses.send(res, Status.OK_200, MemberJson.render(member));
    }

    private void updateStatus(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        if (!body.isObject()) {
            throw new InvalidInputException("Expected a status in the form: {\"status\": \"status\"}, not " + body);
        }
        JsonNode status = body.get("status");
        if (status == null) {
            throw new InvalidInputException("Status not specified: " + body);
        }
        if (!status.isTextual()) {
            throw new InvalidInputException("Invalid status: " + status + " (pending, accepted or rejected)");
        }
        ImageMember updated = members.updateStatus(RequestContexts.of(req), PathParameters.imageId(req),
                PathParameters.get(req, "member"), MemberStatus.fromWire(status.textValue()));
        JsonResponses.send(res, Status.OK_200, MemberJson.render(updated));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        members.remove(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "member"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
