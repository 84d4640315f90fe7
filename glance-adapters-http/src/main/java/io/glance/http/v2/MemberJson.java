package io.glance.http.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageMember;
import io.glance.http.common.Json;
import io.glance.http.common.Timestamps;

/** An image member as Glance's {@code _format_image_member} shows it. */
final class MemberJson {

    private MemberJson() {
    }

    static ObjectNode render(ImageMember member) {
        ObjectNode json = Json.object();
        json.put("member_id", member.memberId());
        json.put("image_id", member.imageId().value());
        json.put("status", member.status().wireName());
        json.put("created_at", Timestamps.format(member.createdAt()));
        json.put("updated_at", Timestamps.format(member.updatedAt()));
        json.put("schema", "/v2/schemas/member");
        return json;
    }
}
