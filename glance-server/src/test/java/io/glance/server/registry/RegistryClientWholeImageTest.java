package io.glance.server.registry;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.ImageRepository;
import io.glance.registry.protocol.ImageDocument;
import io.glance.registry.protocol.RegistryHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry client writes whole images that API v2 made, and the registry stores them as they are: Cactus's
 * registry-only rules (aki/ari/ami must match) are for Cactus clients, or an image would be refused through the
 * registry that the database takes directly.
 */
class RegistryClientWholeImageTest {
    @TempDir
    Path dataDir;

    @Test
    void v2ImagesThatCactusWouldRefuseStillRoundTrip() throws Exception {
        try (GlanceDatabase database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
             RegistryInTheMiddle registry = new RegistryInTheMiddle(database.repository(), database.members())) {
            ImageRepository client = registry.client();
            Image kernel = image(1).diskFormat("aki").containerFormat("bare").build();
            client.create(kernel);
            assertThat(client.findById(id(1))).contains(kernel);
            Image changed = kernel.toBuilder().containerFormat("ovf").build();
            assertThat(client.update(changed, ImageStatus.QUEUED)).isEqualTo(changed);
            Image again = changed.toBuilder().name("renamed").build();
            assertThat(client.updateIfUnchanged(changed, again)).isEqualTo(again);

            // The registry's errors arrive as the domain's, with the server's message and no HTML left in it.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.create(kernel))
                    .isInstanceOf(io.glance.domain.ConflictException.class)
                    .hasMessageNotContaining("<br");

            // A whole image is answered 204 without being read back; it is stored all the same.
            HttpResponse<String> whole = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "images")).header("Content-Type", "application/json")
                    .header(RegistryHeaders.WHOLE_IMAGE, "true")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"image\":"
                            + ImageDocument.write(image(2).build()) + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(whole.statusCode()).isEqualTo(204);
            assertThat(whole.body()).isEmpty();
            assertThat(client.findById(id(2))).contains(image(2).build());

            // A Cactus client POSTing the same mix is held to Cactus's rule.
            HttpResponse<String> cactus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "images")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"image\":{\"name\":\"k\",\"disk_format\":\"aki\","
                            + "\"container_format\":\"bare\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cactus.statusCode()).isEqualTo(400);
            assertThat(cactus.body()).contains("Invalid mix");
        }
    }
}
