package io.glance.http.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.Visibility;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists write each image straight to the response: the text must be the tree {@link ImageJson#render} builds. */
class ImageJsonStreamingTest {
    private static final Instant CREATED = Instant.parse("2026-12-01T10:15:30Z");

    @Test
    void aQueuedImageWithNullsIsWrittenAsTheTree() throws IOException {
        Image image = Image.newImage(ImageId.random(), CREATED).build();
        assertSameText(image, false, ApiSettings.defaults());
    }

    @Test
    void anActiveImageWithEverythingIsWrittenAsTheTree() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("os_distro", "debian");
        properties.put("hw_disk_bus", "scsi");
        properties.put("os_glance_stage_host", "http://node-1:9292");
        properties.put("note", "quotes \" and \\ and ünïcode");
        Image image = Image.newImage(ImageId.random(), CREATED).name("cirros").status(ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC).isProtected(true).osHidden(true).owner("p1").size(13_287_936L)
                .virtualSize(117_440_512L).checksums(new ImageChecksums("443b7623e27ecf03dc9e01ee93f67afe", "sha512",
                        "6513f21e44aa3da349f248188a44bc304a3653a04122d8fb4535423c8e1d14cd6a153f735bb0982e2161b5b5186106"
                                + "570c17a9e58b64dd39390617cd5a350f78"))
                .diskFormat("qcow2").containerFormat("bare").minDisk(1).minRam(64)
                .updatedAt(CREATED.plusSeconds(61)).tags(Set.of("gold")).properties(properties)
                .locations(List.of(new ImageLocation("file:///var/lib/glance/images/a", Map.of("store", "fast")),
                        new ImageLocation("swift+http://swift/v1/glance/a", Map.of("store", "slow", "k", "v"))))
                .build();
        assertSameText(image, true, ApiSettings.defaults().withLocations(true, true));
        assertSameText(image, false, ApiSettings.defaults());
    }

    @Test
    void aPropertyNamedLikeABaseAttributeYieldsToItAsInTheTree() throws IOException {
        Image image = Image.newImage(ImageId.random(), CREATED).name("real")
                .properties(Map.of("name", "shadow", "owner", "shadow")).build();
        assertThat(Json.parse(streamed(image, false, ApiSettings.defaults())))
                .isEqualTo(ImageJson.render(image, false, ApiSettings.defaults()));
    }

    private static void assertSameText(Image image, boolean multiStore, ApiSettings settings) throws IOException {
        String tree = new String(Json.bytes(ImageJson.render(image, multiStore, settings)), StandardCharsets.UTF_8);
        String stream = new String(streamed(image, multiStore, settings), StandardCharsets.UTF_8);
        assertThat(stream).isEqualTo(tree);
    }

    private static byte[] streamed(Image image, boolean multiStore, ApiSettings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.generator(out)) {
            ImageJson.write(json, image, multiStore, settings);
        }
        return out.toByteArray();
    }
}
