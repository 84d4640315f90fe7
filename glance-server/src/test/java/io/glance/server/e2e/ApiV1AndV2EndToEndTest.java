package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.glance.server.e2e.V1Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** One catalog, two APIs: images and members made through v1 are seen through v2 and the other way round. */
class ApiV1AndV2EndToEndTest {
    @TempDir
    Path work;

    @Test
    void imagesAndMembersCrossBetweenV1AndV2() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work)) {
            V1Http http = new V1Http(glance.endpoint());
            byte[] data = "v1 bytes".getBytes(StandardCharsets.US_ASCII);

            String fromV1 = json(http.postData(data, "X-Image-Meta-Name", "from-v1", "X-Image-Meta-Is-Public",
                    "True", "X-Image-Meta-Property-Distro", "cirros")).get("image").get("id").asText();
            JsonNode seenByV2 = json(http.get("/v2/images/" + fromV1));
            assertThat(seenByV2.get("visibility").asText()).isEqualTo("public");
            assertThat(seenByV2.get("status").asText()).isEqualTo("active");
            assertThat(seenByV2.get("distro").asText()).isEqualTo("cirros");
            assertThat(seenByV2.get("checksum").asText()).isEqualTo(V1Http.md5(data));
            HttpResponse<byte[]> v2Download = http.download("/v2/images/" + fromV1 + "/file");
            assertThat(v2Download.body()).isEqualTo(data);

            for (String visibility : new String[] {"private", "shared", "community"}) {
                String fromV2 = json(http.send("POST", "/v2/images", ("{\"name\":\"from-v2\",\"visibility\":\""
                        + visibility + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"))
                        .get("id").asText();
                HttpResponse<String> head = http.head("/v1/images/" + fromV2);
                assertThat(head.headers().firstValue("X-Image-Meta-Is_public")).as(visibility).hasValue("False");
                assertThat(head.headers().firstValue("X-Image-Meta-Status")).as(visibility).hasValue("queued");
            }

            String shared = http.create("X-Image-Meta-Name", "to-share").get("id").asText();
            assertThat(http.send("PUT", "/v1/images/" + shared + "/members/tenant-b", null).statusCode())
                    .isEqualTo(204);
            JsonNode v2Members = json(http.get("/v2/images/" + shared + "/members")).get("members");
            assertThat(v2Members).hasSize(1);
            assertThat(v2Members.get(0).get("member_id").asText()).isEqualTo("tenant-b");
            assertThat(v2Members.get(0).get("status").asText()).isEqualTo("accepted");
            assertThat(json(http.get("/v2/images/" + shared)).get("visibility").asText()).isEqualTo("shared");
            JsonNode v1Members = json(http.get("/v1/images/" + shared + "/members")).get("members");
            assertThat(v1Members.get(0).get("member_id").asText()).isEqualTo("tenant-b");
            assertThat(v1Members.get(0).get("can_share").asBoolean()).isFalse();
            JsonNode sharedImages = json(http.get("/v1/shared-images/tenant-b")).get("shared_images");
            assertThat(sharedImages).hasSize(1);
            assertThat(sharedImages.get(0).get("image_id").asText()).isEqualTo(shared);

            assertThat(http.send("PUT", "/v1/images/" + shared + "/members",
                    "{\"memberships\":[{\"member_id\":\"tenant-c\",\"can_share\":true}]}"
                            .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").statusCode())
                    .isEqualTo(204);
            JsonNode replaced = json(http.get("/v1/images/" + shared + "/members")).get("members");
            assertThat(replaced).hasSize(1);
            assertThat(replaced.get(0).get("member_id").asText()).isEqualTo("tenant-c");
            assertThat(http.send("DELETE", "/v1/images/" + shared + "/members/tenant-b", null).statusCode())
                    .isEqualTo(404);
            assertThat(http.send("DELETE", "/v1/images/" + shared + "/members/tenant-c", null).statusCode())
                    .isEqualTo(204);
            assertThat(json(http.get("/v1/shared-images/tenant-c")).get("shared_images")).isEmpty();
        }
    }
}
