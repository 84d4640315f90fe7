package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.QuotaUsage;
import io.glance.ports.out.ProjectLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keystone's unified limits with Zed's semantics, over the in-memory repository and limits given per project (the
 * Keystone adapter has its own end-to-end test): usage + delta over the limit is 413; a resource without a limit
 * allows nothing; the new image is the only delta; user_storage_quota is ignored.
 */
class UnifiedLimitsTest {
    private static final int MIB = 1024 * 1024;

    /** Limits per project, as Keystone would answer them; a project absent here has none at all. */
    private final Map<String, Map<String, Long>> keystone = new HashMap<>();
    private final ProjectLimits limits = (project, resources) -> {
        Map<String, Long> answer = new HashMap<>(keystone.getOrDefault(project, Map.of()));
        answer.keySet().retainAll(resources);
        return answer;
    };

    @Test
    void aNewImageIsRefusedWhenItWouldExceedImageCountTotal() {
        keystone.put("alice", Map.of(UnifiedLimits.IMAGE_COUNT_TOTAL, 2L));
        try (Services s = new Services(ImageQuotas.defaults(), limits)) {
            s.services.catalog().create(ALICE, command());
            Image second = s.services.catalog().create(ALICE, command());
            assertThatThrownBy(() -> s.services.catalog().create(ALICE, command()))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessage("Project alice is over a limit for [Resource image_count_total is over limit of 2"
                            + " due to current usage 2 and delta 1]");
            s.services.catalog().delete(ALICE, second.id());
            s.services.catalog().create(ALICE, command());
        }
    }

    @Test
    void aResourceWithoutAnyLimitAllowsNothing() {
        try (Services s = new Services(ImageQuotas.defaults(), limits)) {
            assertThatThrownBy(() -> s.services.catalog().create(BOB, command()))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("over limit of 0");
        }
    }

    @Test
    void anUploadOvershootsOnceThenTheProjectIsOverImageSizeTotalAndUserStorageQuotaIsIgnored() {
        keystone.put("alice", Map.of(UnifiedLimits.IMAGE_COUNT_TOTAL, 10L, UnifiedLimits.IMAGE_SIZE_TOTAL, 1L,
                UnifiedLimits.IMAGE_COUNT_UPLOADING, 1L));
        try (Services s = new Services(new ImageQuotas(128, 128, 128, 10, 1024), limits)) {
            Image first = s.services.catalog().create(ALICE, command());
            s.services.data().upload(ALICE, first.id(), new ByteArrayInputStream(TestData.bytes(2 * MIB)), 2 * MIB,
                    null);
            Image second = s.services.catalog().create(ALICE, command());
            assertThatThrownBy(() -> s.services.data().upload(ALICE, second.id(),
                    new ByteArrayInputStream(TestData.bytes(10)), 10, null))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("image_size_total is over limit of 1 due to current usage 2 and delta 0");
            assertThat(s.stored(second.id()).status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(s.store.objectCount()).isEqualTo(1);
        }
    }

    @Test
    void anUploadCountsItselfAgainstImageCountUploadingAndGoesBackToQueued() {
        keystone.put("alice", Map.of(UnifiedLimits.IMAGE_COUNT_TOTAL, 10L, UnifiedLimits.IMAGE_SIZE_TOTAL, 10L,
                UnifiedLimits.IMAGE_COUNT_UPLOADING, 0L));
        try (Services s = new Services(ImageQuotas.defaults(), limits)) {
            Image image = s.services.catalog().create(ALICE, command());
            assertThatThrownBy(() -> s.services.data().upload(ALICE, image.id(),
                    new ByteArrayInputStream(TestData.bytes(10)), 10, null))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("image_count_uploading is over limit of 0 due to current usage 1");
            assertThat(s.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(s.store.objectCount()).isZero();
        }
    }

    @Test
    void usageShowsEveryResourceWithItsLimitAndUsage() {
        keystone.put("alice", Map.of(UnifiedLimits.IMAGE_COUNT_TOTAL, 10L, UnifiedLimits.IMAGE_SIZE_TOTAL, 10L,
                UnifiedLimits.IMAGE_COUNT_UPLOADING, 1L));
        try (Services s = new Services(ImageQuotas.defaults(), limits)) {
            Image image = s.services.catalog().create(ALICE, command());
            s.services.data().upload(ALICE, image.id(), new ByteArrayInputStream(TestData.bytes(3 * MIB)), -1, null);
            s.services.catalog().create(ALICE, command());
            assertThat(s.services.quotaUsage().usage(ALICE)).containsExactly(
                    Map.entry(UnifiedLimits.IMAGE_SIZE_TOTAL, new QuotaUsage.ResourceUsage(10, 3)),
                    Map.entry(UnifiedLimits.IMAGE_STAGE_TOTAL, new QuotaUsage.ResourceUsage(0, 0)),
                    Map.entry(UnifiedLimits.IMAGE_COUNT_TOTAL, new QuotaUsage.ResourceUsage(10, 2)),
                    Map.entry(UnifiedLimits.IMAGE_COUNT_UPLOADING, new QuotaUsage.ResourceUsage(1, 0)));
            RequestContext noAuth = RequestContext.noAuth("req-1");
            assertThat(s.services.quotaUsage().usage(noAuth)).as("no project, nothing to show").isEmpty();
        }
    }

    @Test
    void offShowsNoUsage() {
        assertThat(UnifiedLimits.off().usage(ALICE)).isEmpty();
        assertThat(UnifiedLimits.off().enabled()).isFalse();
    }

    private static CreateImageCommand command() {
        return new CreateImageCommand(null, "x", null, null, null, null, null, "raw", "bare", null, false, List.of(),
                Map.of());
    }
}
