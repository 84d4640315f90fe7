package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivationTest {
    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ImageId activeImage(String owner, Visibility visibility) {
        ImageId id = fixture.queuedImage(owner, visibility).id();
        fixture.services.data().upload(ADMIN, id, new ByteArrayInputStream(new byte[4]), 4, null);
        return id;
    }

    @Test
    void deactivateAndReactivateAreIdempotent() {
        ImageId id = activeImage("alice", Visibility.SHARED);

        fixture.services.activation().deactivate(ALICE, id);
        fixture.services.activation().deactivate(ALICE, id);
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DEACTIVATED);

        fixture.services.activation().reactivate(ALICE, id);
        fixture.services.activation().reactivate(ALICE, id);
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void aNoOpSavesNothing() {
        ImageId id = activeImage("alice", Visibility.SHARED);
        Image before = fixture.stored(id);
        fixture.clock.advance(Duration.ofMinutes(1));

        fixture.services.activation().reactivate(ALICE, id);

        assertThat(fixture.stored(id)).isEqualTo(before);
    }

    @Test
    void imagesWithoutDataCannotBeDeactivated() {
        ImageId id = fixture.queuedImage(ALICE).id();

        assertThatThrownBy(() -> fixture.services.activation().deactivate(ALICE, id))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("queued");
        assertThatThrownBy(() -> fixture.services.activation().reactivate(ALICE, id))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void onlyOwnersAndAdminsChangeActivation() {
        ImageId publicImage = activeImage("alice", Visibility.PUBLIC);
        ImageId privateImage = activeImage("alice", Visibility.PRIVATE);

        assertThatThrownBy(() -> fixture.services.activation().deactivate(BOB, publicImage))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fixture.services.activation().deactivate(BOB, privateImage))
                .isInstanceOf(NotFoundException.class);
        fixture.services.activation().deactivate(ADMIN, publicImage);
        assertThat(fixture.stored(publicImage).status()).isEqualTo(ImageStatus.DEACTIVATED);
    }
}
