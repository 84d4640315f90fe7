package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.NotFoundException;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeleteFromStoreTest {

    @Test
    void followsGlancesRulesAndNeverRemovesTheOnlyCopy() {
        try (Services s = new Services(UploadLimits.defaults(), new InMemoryStoreDriver("fast"),
                new InMemoryStoreDriver("cheap"))) {
            Image image = s.queuedImage(ALICE);
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ADMIN, image.id(), "cheap"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("queued");

            byte[] data = TestData.bytes(1000);
            s.services.data().upload(ALICE, image.id(), new ByteArrayInputStream(data), data.length, "cheap");

            assertThatThrownBy(() -> s.services.data().deleteFromStore(BOB, image.id(), "cheap"))
                    .as("bob does not see alice's image").isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ALICE, image.id(), "cheap"))
                    .as("Zed's legacy delete_image_location lets the owner past the policy")
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("only store");
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ADMIN, image.id(), "nowhere"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("nowhere");
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ADMIN, image.id(), "fast"))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("fast");
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ADMIN, image.id(), "cheap"))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("only store");
            assertThat(s.services.catalog().show(ADMIN, image.id()).locations()).hasSize(1);
        }
    }

    @Test
    void withTheNewDefaultsOnlyAnAdminDeletesFromAStore() {
        try (Services s = new Services(UploadLimits.defaults(), OsloPolicy.defaults(true),
                new InMemoryStoreDriver("fast"), new InMemoryStoreDriver("cheap"))) {
            Image image = s.queuedImage(ALICE);
            byte[] data = TestData.bytes(1000);
            s.services.data().upload(ALICE, image.id(), new ByteArrayInputStream(data), data.length, "cheap");
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ALICE, image.id(), "cheap"))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("delete_image_location");
            assertThatThrownBy(() -> s.services.data().deleteFromStore(ADMIN, image.id(), "cheap"))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("only store");
        }
    }
}
