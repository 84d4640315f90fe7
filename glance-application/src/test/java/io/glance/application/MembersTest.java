package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.LimitExceededException;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static io.glance.application.Services.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembersTest {
    private final Services fixture = new Services();
    private final ImageId id = fixture.queuedImage(ALICE).id();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void newMembersArePending() {
        ImageMember member = fixture.services.members().add(ALICE, id, "bob");

        assertThat(member).isEqualTo(new ImageMember(id, "bob", MemberStatus.PENDING,
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z")));
        assertThat(fixture.services.members().show(ALICE, id, "bob")).isEqualTo(member);
        assertThat(fixture.services.members().list(ALICE, id)).containsExactly(member);
    }

    @Test
    void addingAMemberTwiceConflicts() {
        fixture.services.members().add(ALICE, id, "bob");

        assertThatThrownBy(() -> fixture.services.members().add(ALICE, id, "bob"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("bob");
    }

    @ParameterizedTest
    @EnumSource(value = Visibility.class, names = {"PRIVATE", "PUBLIC", "COMMUNITY"})
    void onlySharedImagesHaveMembers(Visibility visibility) {
        ImageId other = fixture.queuedImage("alice", visibility).id();

        assertThatThrownBy(() -> fixture.services.members().add(ALICE, other, "bob"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(visibility.wireName());
        assertThatThrownBy(() -> fixture.services.members().list(ALICE, other))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void onlyTheOwnerOrAnAdminAddsAndRemoves() {
        fixture.services.members().add(ALICE, id, "bob");

        assertThatThrownBy(() -> fixture.services.members().add(BOB, id, "carol"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fixture.services.members().remove(BOB, id, "bob"))
                .isInstanceOf(ForbiddenException.class);
        fixture.services.members().add(ADMIN, id, "carol");
        fixture.services.members().remove(ALICE, id, "carol");
        fixture.services.members().remove(ADMIN, id, "bob");
        assertThat(fixture.services.members().list(ALICE, id)).isEmpty();
    }

    @Test
    void onlyTheMemberOrAnAdminChangesTheStatus() {
        fixture.services.members().add(ALICE, id, "bob");
        fixture.clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> fixture.services.members().updateStatus(ALICE, id, "bob", MemberStatus.ACCEPTED))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("bob");
        ImageMember accepted = fixture.services.members().updateStatus(BOB, id, "bob", MemberStatus.ACCEPTED);
        assertThat(accepted.status()).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(accepted.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(fixture.repository.findMember(id, "bob")).contains(accepted);
        assertThat(fixture.services.members().updateStatus(ADMIN, id, "bob", MemberStatus.REJECTED).status())
                .isEqualTo(MemberStatus.REJECTED);
    }

    @Test
    void unknownMembersAreNotFound() {
        assertThatThrownBy(() -> fixture.services.members().show(ALICE, id, "nobody"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> fixture.services.members().remove(ALICE, id, "nobody"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.services.members().updateStatus(ADMIN, id, "nobody",
                MemberStatus.ACCEPTED)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMemberSeesOnlyItsOwnMembership() {
        fixture.services.members().add(ALICE, id, "bob");
        fixture.services.members().add(ALICE, id, "carol");

        assertThat(fixture.services.members().list(BOB, id)).extracting(ImageMember::memberId).containsExactly("bob");
        assertThatThrownBy(() -> fixture.services.members().show(BOB, id, "carol"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.services.members().list(user("dave"), id))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void memberQuotaIs128() {
        for (int i = 1; i <= 128; i++) {
            fixture.services.members().add(ALICE, id, "p" + i);
        }

        assertThatThrownBy(() -> fixture.services.members().add(ALICE, id, "p129"))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("128");
    }
}
