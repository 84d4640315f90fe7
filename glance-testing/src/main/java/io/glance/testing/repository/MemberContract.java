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

        repository().addMember(member(1, "bob", T0.plusNanos(999_999_999)));

        assertThat(repository().findMember(id(1), "bob")).contains(member(1, "bob", T0));
        assertThat(repository().findMember(id(1), "carol")).isEmpty();
        assertThat(repository().findMember(id(2), "bob")).isEmpty();
    }

    @Test
    default void membersAreListedOldestFirstAndPerImage() {
        store(image(1));
        store(image(2));
        repository().addMember(member(1, "zed", T0.plusSeconds(1)));
        repository().addMember(member(1, "carol", T0.plusSeconds(2)));
        repository().addMember(member(1, "bob", T0.plusSeconds(1)));
        repository().addMember(member(2, "dave", T0));

        assertThat(repository().listMembers(id(1))).extracting(ImageMember::memberId)
                .containsExactly("bob", "zed", "carol");
        assertThat(repository().listMembers(id(2))).extracting(ImageMember::memberId).containsExactly("dave");
        assertThat(repository().listMembers(id(3))).isEmpty();
    }

    @Test
    default void addingAMemberTwiceConflictsNamingIt() {
        store(image(1));
        repository().addMember(member(1, "bob", T0));

        assertThatThrownBy(() -> repository().addMember(member(1, "bob", T0.plusSeconds(5))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("bob")
                .hasMessageContaining(id(1).value());
    }

    @Test
    default void addingAMemberToAnUnknownImageIsNotFound() {
        assertThatThrownBy(() -> repository().addMember(member(7, "bob", T0)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(id(7).value());
    }

    @Test
    default void memberStatusChanges() {
        store(image(1));
        ImageMember pending = member(1, "bob", T0);
        repository().addMember(pending);
        ImageMember accepted = pending.withStatus(MemberStatus.ACCEPTED, T0.plusSeconds(60));

        repository().updateMember(accepted);

        assertThat(repository().findMember(id(1), "bob")).contains(accepted);
    }

    @Test
    default void changingOrRemovingAnAbsentMemberIsNotFound() {
        store(image(1));

        assertThatThrownBy(() -> repository().updateMember(member(1, "bob", T0)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("bob");
        assertThatThrownBy(() -> repository().deleteMember(id(1), "bob"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("bob")
                .hasMessageContaining(id(1).value());
    }

    @Test
    default void removedMemberIsGoneAndMayBeAddedAgain() {
        store(image(1));
        repository().addMember(member(1, "bob", T0));
        repository().addMember(member(1, "carol", T0));

        repository().deleteMember(id(1), "bob");

        assertThat(repository().findMember(id(1), "bob")).isEmpty();
        assertThat(repository().listMembers(id(1))).extracting(ImageMember::memberId).containsExactly("carol");
        repository().addMember(member(1, "bob", T0.plusSeconds(9)));
        assertThat(repository().findMember(id(1), "bob")).isPresent();
    }
}
