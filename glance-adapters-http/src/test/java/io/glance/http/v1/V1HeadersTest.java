package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.in.PatchOperation.Op;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1HeadersTest {
    private static final Instant CREATED = Instant.parse("2011-02-22T19:20:53.298556Z");
    private static final ImageId ID = new ImageId("0b2e4f6a-1c3d-4e5f-8a9b-0c1d2e3f4a5b");

    private static V1Metadata parse(String... namesAndValues) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return V1Headers.parse(headers);
    }

    private static Image.Builder image() {
        return Image.newImage(ID, CREATED).visibility(Visibility.PUBLIC).name("Image1");
    }

    @Test
    void inputNamesAreCaseInsensitiveWithDashesAsUnderscoresAndEmptyMeansNull() {
        V1Metadata meta = parse("X-Image-Meta-Disk-Format", "raw", "x-image-meta-IS_PUBLIC", "True",
                "X-Image-Meta-Property-Kernel-Id", "k1", "X-IMAGE-META-PROPERTY-Distro", "Ubuntu",
                "X-Image-Meta-Name", "", "Content-Type", "application/octet-stream");

        assertThat(meta.fields()).containsOnlyKeys("disk_format", "is_public", "name");
        assertThat(meta.get("disk_format")).isEqualTo("raw");
        assertThat(meta.has("name")).isTrue();
        assertThat(meta.get("name")).isNull();
        assertThat(meta.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("kernel_id", "k1", "distro",
                "Ubuntu"));
    }

    @Test
    void outputIsTitleCasedWithUnderscoresKeptBooleansAsPythonAndNullEmpty() {
        Image active = image().status(ImageStatus.ACTIVE).size(5120L)
                .checksums(new ImageChecksums("c2e5db72bd7fd153f53ede5da5a06de3", "sha512", "ab"))
                .locations(List.of(new ImageLocation("file:///var/lib/glance/images/" + ID, Map.of())))
                .properties(Map.of("Arch", "x86_64")).build();

        Map<String, String> headers = V1Headers.render(active);

        assertThat(headers).containsEntry("X-Image-Meta-Id", ID.value())
                .containsEntry("X-Image-Meta-Name", "Image1")
                .containsEntry("X-Image-Meta-Is_public", "True")
                .containsEntry("X-Image-Meta-Disk_format", "")
                .containsEntry("X-Image-Meta-Container_format", "")
                .containsEntry("X-Image-Meta-Size", "5120")
                .containsEntry("X-Image-Meta-Status", "active")
                .containsEntry("X-Image-Meta-Checksum", "c2e5db72bd7fd153f53ede5da5a06de3")
                .containsEntry("X-Image-Meta-Location", "file:///var/lib/glance/images/" + ID)
                .containsEntry("X-Image-Meta-Created_at", "2011-02-22T19:20:53.298556")
                .containsEntry("X-Image-Meta-Deleted_at", "")
                .containsEntry("X-Image-Meta-Deleted", "False")
                .containsEntry("X-Image-Meta-Min_ram", "0")
                .containsEntry("X-Image-Meta-Property-Arch", "x86_64");
    }

    /** Nova's {@code trait:CUSTOM_X} keys: a header name cannot hold a ':', so v1 escapes it, and '%' with it. */
    @Test
    void colonsAndPercentSignsInKeysAreEscapedOutAndUnescapedIn() {
        Map<String, String> headers = V1Headers.render(image().properties(Map.of("trait:CUSTOM_GOLD", "required",
                "100%", "yes", "a%3Ab", "literal")).build());
        assertThat(headers).containsEntry("X-Image-Meta-Property-Trait%3acustom_gold", "required")
                .containsEntry("X-Image-Meta-Property-100%25", "yes")
                .containsEntry("X-Image-Meta-Property-A%253ab", "literal");
        assertThat(headers.keySet()).noneMatch(name -> name.indexOf(':') >= 0);

        V1Metadata meta = parse("X-Image-Meta-Property-Trait%3acustom_gold", "required",
                "x-image-meta-property-100%25", "yes", "x-image-meta-property-a%253ab", "literal",
                "x-image-meta-property-50%off", "kept");
        assertThat(meta.properties()).containsEntry("trait:custom_gold", "required").containsEntry("100%", "yes")
                .containsEntry("a%3ab", "literal").containsEntry("50%off", "kept");
    }

    @Test
    void v2OnlyStatusesAndVisibilitiesMapToTheirClosestV1Form() {
        assertThat(V1ImageView.status(ImageStatus.UPLOADING)).isEqualTo("saving");
        assertThat(V1ImageView.status(ImageStatus.IMPORTING)).isEqualTo("saving");
        assertThat(V1ImageView.status(ImageStatus.KILLED)).isEqualTo("killed");
        for (Visibility visibility : List.of(Visibility.PRIVATE, Visibility.SHARED, Visibility.COMMUNITY)) {
            assertThat(V1Headers.render(image().visibility(visibility).build()))
                    .containsEntry("X-Image-Meta-Is_public", "False");
        }
        assertThat(V1ImageView.timestamp(Instant.parse("2011-02-22T19:20:53Z"))).isEqualTo("2011-02-22T19:20:53");
    }

    @Test
    void createCommandMapsIsPublicFormatsAndProperties() {
        CreateImageCommand command = V1CreateRequest.command(parse("x-image-meta-is-public", "TRUE",
                "x-image-meta-disk-format", "aki", "x-image-meta-container-format", "aki", "x-image-meta-min-ram",
                "512", "x-image-meta-property-empty", "", "x-image-meta-status", "active",
                "x-image-meta-id", ID.value()));

        assertThat(command.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(command.id()).isEqualTo(ID);
        assertThat(command.minRam()).isEqualTo(512);
        assertThat(command.properties()).containsEntry("empty", "");
        assertThat(V1CreateRequest.command(parse("x-image-meta-is-public", "yes")).visibility())
                .isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void badValuesAre400sNamingTheValue() {
        assertThatThrownBy(() -> V1CreateRequest.command(parse("x-image-meta-id", "1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'1'");
        assertThatThrownBy(() -> V1CreateRequest.command(parse("x-image-meta-disk-format", "Invalid")))
                .hasMessageContaining("Invalid disk format 'Invalid'");
        assertThatThrownBy(() -> V1CreateRequest.command(parse("x-image-meta-container-format", "invalid")))
                .hasMessageContaining("Invalid container format 'invalid'");
        assertThatThrownBy(() -> V1CreateRequest.command(parse("x-image-meta-disk-format", "aki",
                "x-image-meta-container-format", "ari"))).hasMessageContaining("Invalid mix");
        assertThatThrownBy(() -> V1Fields.nonNegative(parse("x-image-meta-size", "big"), "size"))
                .hasMessageContaining("x-image-meta-size 'big'");
    }

    @Test
    void updatePurgesPropertiesNotSentAndChangesOnlyWhatDiffers() {
        Image current = image().diskFormat("raw").containerFormat("bare")
                .properties(Map.of("distro", "ubuntu", "arch", "x86", "os_glance_import_task", "t")).build();

        List<PatchOperation> operations = V1UpdateRequest.operations(current, parse("x-image-meta-disk-format",
                "raw", "x-image-meta-is-public", "False", "x-image-meta-property-arch", "arm"));

        assertThat(operations).containsExactlyInAnyOrder(
                new PatchOperation(Op.REPLACE, "visibility", "private", false),
                new PatchOperation(Op.ADD, "arch", "arm", false),
                new PatchOperation(Op.REMOVE, "distro", null, false));
    }
}
