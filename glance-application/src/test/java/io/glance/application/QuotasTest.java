package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.PatchOperation;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Glance's legacy quotas: 128 properties, tags and members, 10 locations by default, and user_storage_quota. */
class QuotasTest {

    @Test
    void the129thPropertyIsRefusedOnCreateAndOnPatch() {
        try (Services s = new Services()) {
            assertThatThrownBy(() -> s.services.catalog().create(ALICE, withProperties(129)))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempted: 129, Maximum: 128");
            Image image = s.services.catalog().create(ALICE, withProperties(128));
            assertThatThrownBy(() -> s.services.catalog().update(ALICE, image.id(), List.of(
                    new PatchOperation(PatchOperation.Op.ADD, "one_more", "x", false))))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("properties");
            assertThat(s.stored(image.id()).properties()).hasSize(128);
            Image changed = s.services.catalog().update(ALICE, image.id(), List.of(
                    new PatchOperation(PatchOperation.Op.REPLACE, "key_0", "changed", false)));
            assertThat(changed.properties()).as("changing a value adds no key").containsEntry("key_0", "changed");
        }
    }

    @Test
    void the129thTagIsRefused() {
        try (Services s = new Services()) {
            Image image = s.queuedImage(ALICE);
            for (int i = 0; i < 128; i++) {
                s.services.tags().addTag(ALICE, image.id(), "tag-" + i);
            }
            assertThatThrownBy(() -> s.services.tags().addTag(ALICE, image.id(), "tag-128"))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempted: 129, Maximum: 128");
            s.services.tags().addTag(ALICE, image.id(), "tag-0");
            assertThat(s.stored(image.id()).tags()).hasSize(128);
        }
    }

    @Test
    void the129thMemberIsRefused() {
        try (Services s = new Services()) {
            Image image = s.queuedImage(ALICE);
            for (int i = 0; i < 128; i++) {
                s.services.members().add(ALICE, image.id(), "project-" + i);
            }
            assertThatThrownBy(() -> s.services.members().add(ALICE, image.id(), "project-128"))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("image members");
            assertThat(s.repository.listMembers(image.id())).hasSize(128);
        }
    }

    @Test
    void quotasAreConfigurableAndNegativeMeansUnlimited() {
        try (Services s = services(new ImageQuotas(-1, 2, -1, 10, 0))) {
            assertThatThrownBy(() -> s.services.catalog().create(ALICE, withProperties(3)))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("Maximum: 2");
            Image image = s.queuedImage(ALICE);
            for (int i = 0; i < 200; i++) {
                s.services.tags().addTag(ALICE, image.id(), "tag-" + i);
            }
            assertThat(s.stored(image.id()).tags()).hasSize(200);
        }
    }

    @Test
    void theLocationAfterTheQuotaIsRefused() {
        InMemoryStoreDriver web = new InMemoryStoreDriver("web", Set.of(StoreCapability.READ));
        try (Services s = new Services(UploadLimits.defaults(), OsloPolicy.defaults(false),
                new ImageQuotas(128, 128, 128, 2, 0), new InMemoryStoreDriver("memory"), web)) {
            Image image = s.queuedImage(ALICE);
            for (int i = 0; i < 2; i++) {
                String url = web.place("remote-" + i, new byte[10]).location().toString();
                s.services.locations().addLocation(ALICE, image.id(), url, null);
            }
            String third = web.place("remote-2", new byte[10]).location().toString();
            assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), third, null))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("Attempted: 3, Maximum: 2");
            assertThat(s.stored(image.id()).locations()).hasSize(2);
        }
    }

    @Test
    void anUploadOfKnownSizeOverTheStorageQuotaIsRefusedBeforeAnyDataIsRead() {
        try (Services s = services(storageQuota(1000))) {
            Image image = s.queuedImage(ALICE);
            byte[] data = TestData.bytes(1001);
            ByteArrayInputStream stream = new ByteArrayInputStream(data);
            assertThatThrownBy(() -> s.services.data().upload(ALICE, image.id(), stream, data.length, null))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("1001")
                    .hasMessageContaining("1000 bytes remaining");
            assertThat(stream.available()).isEqualTo(1001);
            assertThat(s.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        }
    }

    @Test
    void aChunkedUploadCrossingTheStorageQuotaIsCutRemovedAndTheImageQueued() {
        try (Services s = services(storageQuota(2500))) {
            Image first = s.queuedImage(ALICE);
            byte[] thousand = TestData.bytes(1000);
            s.services.data().upload(ALICE, first.id(), new ByteArrayInputStream(thousand), -1, null);

            Image second = s.queuedImage(ALICE);
            byte[] big = TestData.bytes(1_000_000);
            ByteArrayInputStream stream = new ByteArrayInputStream(big);
            assertThatThrownBy(() -> s.services.data().upload(ALICE, second.id(), stream, -1, null))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("1500 bytes remaining");
            assertThat(stream.available()).as("cut soon after the limit, not read to the end")
                    .isGreaterThan(big.length - 1500 - 2 * UploadStream.BUFFER_SIZE);
            assertThat(s.stored(second.id()).status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(s.store.objectCount()).as("only the first image's data is left").isEqualTo(1);

            byte[] fits = TestData.bytes(1500);
            assertThat(s.services.data().upload(ALICE, second.id(), new ByteArrayInputStream(fits), -1, null)
                    .status()).isEqualTo(ImageStatus.ACTIVE);
            Image third = s.queuedImage(ALICE);
            assertThatThrownBy(() -> s.services.data().upload(ALICE, third.id(),
                    new ByteArrayInputStream(new byte[1]), -1, null))
                    .as("no room left at all: refused up front").isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("0 bytes remaining");
            assertThat(s.services.data().upload(ALICE, third.id(), new ByteArrayInputStream(new byte[0]), 0, null)
                    .status()).as("as in Glance, an empty image of known size still fits")
                    .isEqualTo(ImageStatus.ACTIVE);
        }
    }

    @Test
    void theStorageQuotaIsPerProject() {
        try (Services s = services(storageQuota(1000))) {
            Image alices = s.queuedImage(ALICE);
            s.services.data().upload(ALICE, alices.id(), new ByteArrayInputStream(TestData.bytes(1000)), 1000, null);
            Image bobs = s.queuedImage(BOB);
            assertThat(s.services.data().upload(BOB, bobs.id(), new ByteArrayInputStream(TestData.bytes(1000)), 1000,
                    null).status()).isEqualTo(ImageStatus.ACTIVE);
        }
    }

    @Test
    void anUploadThatFinishesWhileAnotherFilledTheQuotaIsRemoved() {
        try (Services s = services(storageQuota(1500))) {
            Image racing = s.queuedImage(ALICE);
            Image slow = s.queuedImage(ALICE);
            byte[] data = TestData.bytes(1000);
            // While the slow upload is half way, another upload of the same project takes 1000 of the 1500 bytes.
            var stream = TestData.withActionAfter(data, 500, () -> s.services.data().upload(ALICE, racing.id(),
                    new ByteArrayInputStream(TestData.bytes(1000)), 1000, null));
            assertThatThrownBy(() -> s.services.data().upload(ALICE, slow.id(), stream, -1, null))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("500 bytes remaining");
            assertThat(s.stored(slow.id()).status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(s.stored(racing.id()).status()).isEqualTo(ImageStatus.ACTIVE);
            assertThat(s.store.objectCount()).isEqualTo(1);
        }
    }

    private static Services services(ImageQuotas quotas) {
        return new Services(UploadLimits.defaults(), OsloPolicy.defaults(false), quotas,
                new InMemoryStoreDriver("memory"));
    }

    private static ImageQuotas storageQuota(long bytes) {
        return new ImageQuotas(128, 128, 128, 10, bytes);
    }

    private static CreateImageCommand withProperties(int count) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            properties.put("key_" + i, "value");
        }
        return new CreateImageCommand(null, "many", null, null, null, null, null, "raw", "bare", null, false,
                new ArrayList<>(), properties);
    }
}
