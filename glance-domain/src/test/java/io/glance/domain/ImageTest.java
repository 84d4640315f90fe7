package io.glance.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:05Z");

    private static Image queued() {
        return Image.newImage(ImageId.random(), T0).diskFormat("raw").containerFormat("bare").build();
    }

    @Test
    void uploadMovesQueuedToSavingToActive() {
        Image saving = queued().startUpload(T1);
        assertThat(saving.status()).isEqualTo(ImageStatus.SAVING);
        ImageChecksums sums = new ImageChecksums("a".repeat(32), "sha512", "b".repeat(128));
        Image active = saving.completeUpload(42, sums, new ImageLocation("file:///x", Map.of("store", "file")), T1);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(42);
        assertThat(active.checksums()).isEqualTo(sums);
        assertThat(active.locations()).hasSize(1);
    }

    @Test
    void uploadNeedsQueuedAndBothFormats() {
        Image noFormats = Image.newImage(ImageId.random(), T0).build();
        assertThatThrownBy(() -> noFormats.startUpload(T1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("disk_format");
        Image saving = queued().startUpload(T1);
        assertThatThrownBy(() -> saving.startUpload(T1)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("saving");
    }

    @Test
    void abortedUploadForgetsDataAttributes() {
        Image aborted = queued().startUpload(T1).abortUpload(T1);
        assertThat(aborted.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(aborted.size()).isNull();
        assertThat(aborted.checksums()).isNull();
        assertThat(aborted.locations()).isEmpty();
    }

    @Test
    void deactivationRules() {
        assertThatThrownBy(() -> queued().deactivate(T1)).isInstanceOf(ForbiddenException.class);
        Image active = queued().toBuilder().status(ImageStatus.ACTIVE).build();
        Image deactivated = active.deactivate(T1);
        assertThat(deactivated.status()).isEqualTo(ImageStatus.DEACTIVATED);
        assertThat(deactivated.deactivate(T1)).isSameAs(deactivated);
        assertThat(deactivated.reactivate(T1).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.reactivate(T1)).isSameAs(active);
    }

    @Test
    void protectedImagesCannotBeDeleted() {
        Image image = queued().toBuilder().isProtected(true).build();
        assertThatThrownBy(() -> image.markDeleted(T1)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("protected");
        Image deleted = queued().markDeleted(T1);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.deletedAt()).isEqualTo(T1);
    }

    @Test
    void visibility() {
        RequestContext other = new RequestContext("req-1", "other", Set.of("member"), false);
        Image image = queued().toBuilder().owner("owner").visibility(Visibility.PRIVATE).build();
        assertThat(image.isVisibleTo(other, null)).isFalse();
        assertThat(image.isVisibleTo(RequestContext.noAuth("req-2"), null)).isTrue();
        Image shared = image.toBuilder().visibility(Visibility.SHARED).build();
        assertThat(shared.isVisibleTo(other, null)).isFalse();
        assertThat(shared.isVisibleTo(other, MemberStatus.PENDING)).isTrue();
        assertThat(image.toBuilder().visibility(Visibility.COMMUNITY).build().isVisibleTo(other, null)).isTrue();
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> queued().toBuilder().diskFormat("floppy").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("floppy");
        assertThatThrownBy(() -> queued().toBuilder().minRam(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("min_ram");
        assertThatThrownBy(() -> queued().toBuilder().tags(Set.of("x".repeat(256))).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> new ImageId("not-a-uuid")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not-a-uuid");
        assertThat(new ImageId("7C3E2F7B-3E0F-4B6A-9A55-0E1D8A4F2B11").value())
                .isEqualTo("7c3e2f7b-3e0f-4b6a-9a55-0e1d8a4f2b11");
        assertThat(queued().toBuilder().locations(List.of()).build().locations()).isEmpty();
    }
}
