package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.ports.in.StoreDescription;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.Test;

import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreInfoTest {

    @Test
    void storesAreListedWithoutGlancesReservedOnes() {
        try (Services fixture = new Services(UploadLimits.defaults(), new InMemoryStoreDriver("fast"),
                new InMemoryStoreDriver("os_glance_staging_store"), new InMemoryStoreDriver("cheap"))) {

            assertThat(fixture.services.storeInfo().stores(ALICE)).extracting(StoreDescription::id)
                    .containsExactly("fast", "cheap");
            assertThat(fixture.services.storeInfo().multiStore()).isTrue();
        }
    }

    @Test
    void theDetailsAreForWhomStoresInfoDetailAllowsAdminsByDefault() {
        try (Services fixture = new Services(UploadLimits.defaults(), new InMemoryStoreDriver("fast"),
                new InMemoryStoreDriver("cheap"))) {
            assertThatThrownBy(() -> fixture.services.storeInfo().storesInDetail(ALICE))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("stores_info_detail");
            assertThat(fixture.services.storeInfo().storesInDetail(Services.ADMIN)).extracting(StoreDescription::id)
                    .containsExactly("fast", "cheap");
        }
    }

    @Test
    void oneStoreIsNotMultiStore() {
        try (Services fixture = new Services()) {
            assertThat(fixture.services.storeInfo().multiStore()).isFalse();
        }
    }
}
