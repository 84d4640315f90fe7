package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShowAndListTest {
    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void invisibleImagesAreNotFoundNeverForbidden() {
        Image image = fixture.queuedImage("alice", Visibility.PRIVATE);

        assertThat(fixture.services.catalog().show(ALICE, image.id())).isEqualTo(image);
        assertThat(fixture.services.catalog().show(ADMIN, image.id())).isEqualTo(image);
        assertThatThrownBy(() -> fixture.services.catalog().show(BOB, image.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(image.id().value());
    }

    @Test
    void unknownAndDeletedImagesAreNotFound() {
        Image image = fixture.queuedImage(ALICE);
        fixture.services.catalog().delete(ALICE, image.id());

        assertThatThrownBy(() -> fixture.services.catalog().show(ALICE, image.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.services.catalog().show(ALICE, ImageId.random()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void sharedImagesAreVisibleToMembersOfAnyStatus() {
        Image image = fixture.queuedImage(ALICE);
        assertThatThrownBy(() -> fixture.services.catalog().show(BOB, image.id()))
                .isInstanceOf(NotFoundException.class);

        fixture.services.members().add(ALICE, image.id(), "bob");
        assertThat(fixture.services.catalog().show(BOB, image.id()).id()).isEqualTo(image.id());
        fixture.services.members().updateStatus(BOB, image.id(), "bob", MemberStatus.REJECTED);
        assertThat(fixture.services.catalog().show(BOB, image.id()).id()).isEqualTo(image.id());
    }

    @Test
    void communityAndPublicImagesAreVisibleToAnyoneById() {
        Image community = fixture.queuedImage("alice", Visibility.COMMUNITY);
        Image publicImage = fixture.queuedImage("alice", Visibility.PUBLIC);

        assertThat(fixture.services.catalog().show(BOB, community.id())).isEqualTo(community);
        assertThat(fixture.services.catalog().show(BOB, publicImage.id())).isEqualTo(publicImage);
    }

    @Test
    void listShowsWhatTheCallerMaySee() {
        Image own = fixture.queuedImage("bob", Visibility.PRIVATE);
        Image publicImage = fixture.queuedImage("alice", Visibility.PUBLIC);
        Image accepted = fixture.queuedImage("alice", Visibility.SHARED);
        Image pending = fixture.queuedImage("alice", Visibility.SHARED);
        fixture.queuedImage("alice", Visibility.PRIVATE);
        fixture.queuedImage("alice", Visibility.COMMUNITY);
        fixture.services.members().add(ALICE, accepted.id(), "bob");
        fixture.services.members().updateStatus(BOB, accepted.id(), "bob", MemberStatus.ACCEPTED);
        fixture.services.members().add(ALICE, pending.id(), "bob");

        assertThat(fixture.services.catalog().list(BOB, ImageQuery.firstPage(25))).extracting(Image::id)
                .containsExactlyInAnyOrder(own.id(), publicImage.id(), accepted.id());
        assertThat(fixture.services.catalog().list(BOB, ImageQuery.firstPage(2))).hasSize(2);
    }
}
