package io.glance.registry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;

import java.time.Instant;

/** An image member as a registry document: {@code member_id}, {@code status}, timestamps, and Diablo's can_share. */
public final class MemberDocument {
    private MemberDocument() {
    }

    public static ObjectNode write(ImageMember member) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("image_id", member.imageId().value());
        json.put("member_id", member.memberId());
        json.put("status", member.status().wireName());
        // Diablo's flag; members here cannot re-share, as in v2.
        json.put("can_share", false);
        json.put("created_at", Json.instant(member.createdAt()));
        json.put("updated_at", Json.instant(member.updatedAt()));
        return json;
    }

    public static ImageMember read(ImageId imageId, JsonNode json, Instant now) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("Expected a member object, got " + json);
        }
        String memberId = Json.text(json, "member_id");
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidInputException("A member needs a member_id: " + json);
        }
        String status = Json.text(json, "status");
        Instant createdAt = Json.instant(json, "created_at");
        Instant updatedAt = Json.instant(json, "updated_at");
        return new ImageMember(imageId, memberId,
                status == null ? MemberStatus.PENDING : MemberStatus.fromWire(status),
                createdAt == null ? now : createdAt, updatedAt == null ? now : updatedAt);
    }
}
