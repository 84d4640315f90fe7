package io.glance.http.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.ports.out.MemberRepository;
import io.glance.registry.protocol.MemberDocument;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import static java.util.Objects.requireNonNull;

/** /images/{id}/members of the Registry API: the repository's member rows, one call each. */
final class RegistryMembersService implements HttpService {
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final MemberRepository repository;
    private final Clock clock;

    RegistryMembersService(MemberRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::add)
                .get("/{member}", this::show)
                .put("/{member}", this::update)
                .delete("/{member}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ArrayNode members = body.putArray("members");
        repository.listMembers(RegistryImagesService.imageId(req))
                .forEach(member -> members.add(MemberDocument.write(member)));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void add(ServerRequest req, ServerResponse res) {
        ImageMember member = read(req, RegistryImagesService.imageId(req));
        repository.addMember(member);
        send(res, member);
    }

    private void show(ServerRequest req, ServerResponse res) {
        ImageId imageId = RegistryImagesService.imageId(req);
        String memberId = req.path().pathParameters().get("member");
        send(res, repository.findMember(imageId, memberId).orElseThrow(() -> new NotFoundException(
                "Image " + imageId.value() + " has no member " + memberId)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ImageMember member = read(req, RegistryImagesService.imageId(req));
        String memberId = req.path().pathParameters().get("member");
        if (!member.memberId().equals(memberId)) {
            throw new InvalidInputException("The member_id in the body (" + member.memberId()
                    + ") differs from the one in the path (" + memberId + ")");
        }
        repository.updateMember(member);
        send(res, member);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        repository.deleteMember(RegistryImagesService.imageId(req), req.path().pathParameters().get("member"));
        res.status(Status.OK_200).send();
    }

    private ImageMember read(ServerRequest req, ImageId imageId) {
        JsonNode body = JsonBodies.require(req, MAX_BODY_BYTES);
        return MemberDocument.read(imageId, body.get("member"), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static void send(ServerResponse res, ImageMember member) {
        ObjectNode body = Json.object();
        body.set("member", MemberDocument.write(member));
        JsonResponses.send(res, Status.OK_200, body);
    }
}
