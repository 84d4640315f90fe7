package io.glance.testing.repository;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Image members: add, find, list, change status, remove. */
public interface MemberContract extends RepositoryFixture {

    private ImageMember member(int image, String project, Instant created) {
        return new ImageMember(id(image), project, MemberStatus.PENDING, created, created);
    }

    @Test
    default void addedMemberIsFoundAtSecondPrecision() {
        store(image(1).visibility(Visibility.SHARED));

        members().addMember(member(1, "bob", T0.plusNanos(999_999_999)));

        assertThat(members().findMember(id(1), "bob")).contains(member(1, "bob", T0));
        assertThat(members().findMember(id(1), "carol")).isEmpty();
        assertThat(members().findMember(id(2), "bob")).isEmpty();
    }

    @Test
    default void membersAreListedOldestFirstAndPerImage() {
        store(image(1));
        store(image(2));
        members().addMember(member(1, "zed", T0.plusSeconds(1)));
        members().addMember(member(1, "carol", T0.plusSeconds(2)));
        members().addMember(member(1, "bob", T0.plusSeconds(1)));
        members().addMember(member(2, "dave", T0));

        assertThat(members().listMembers(id(1))).extracting(ImageMember::memberId)
                .containsExactly("bob", "zed", "carol");
        assertThat(members().listMembers(id(2))).extracting(ImageMember::memberId).containsExactly("dave");
        assertThat(members().listMembers(id(3))).isEmpty();
    }

    @Test
    default void addingAMemberTwiceConflictsNamingIt() {
        store(image(1));
        members().addMember(member(1, "bob", T0));

        assertThatThrownBy(() -> members().addMember(member(1, "bob", T0.plusSeconds(5))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("bob")
                .hasMessageContaining(id(1).value());
    }

    @Test
    default void addingAMemberToAnUnknownImageIsNotFound() {
        assertThatThrownBy(() -> members().addMember(member(7, "bob", T0)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(id(7).value());
    }

    @Test
    default void memberStatusChanges() {
        store(image(1));
        ImageMember pending = member(1, "bob", T0);
        members().addMember(pending);
        ImageMember accepted = pending.withStatus(MemberStatus.ACCEPTED, T0.plusSeconds(60));

        members().updateMember(accepted);

        assertThat(members().findMember(id(1), "bob")).contains(accepted);
    }

    @Test
    default void changingOrRemovingAnAbsentMemberIsNotFound() {
        store(image(1));

        assertThatThrownBy(() -> members().updateMember(member(1, "bob", T0)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("bob");
        assertThatThrownBy(() -> members().deleteMember(id(1), "bob"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("bob")
                .hasMessageContaining(id(1).value());
    }

    @Test
    default void removedMemberIsGoneAndMayBeAddedAgain() {
        store(image(1));
        members().addMember(member(1, "bob", T0));
        members().addMember(member(1, "carol", T0));

        members().deleteMember(id(1), "bob");

        assertThat(members().findMember(id(1), "bob")).isEmpty();
        assertThat(members().listMembers(id(1))).extracting(ImageMember::memberId).containsExactly("carol");
        members().addMember(member(1, "bob", T0.plusSeconds(9)));
        assertThat(members().findMember(id(1), "bob")).isPresent();
    }
}
