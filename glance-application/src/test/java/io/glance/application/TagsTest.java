package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagsTest {
    private final Services fixture = new Services();
    private final ImageId id = fixture.queuedImage(ALICE).id();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void tagsAreAddedOnceAndRemoved() {
        fixture.clock.advance(Duration.ofSeconds(5));
        fixture.services.tags().addTag(ALICE, id, "x");
        fixture.services.tags().addTag(ALICE, id, "y");
        fixture.services.tags().addTag(ALICE, id, "x");

        assertThat(fixture.stored(id).tags()).containsExactly("x", "y");
        assertThat(fixture.stored(id).updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:05Z"));

        fixture.services.tags().removeTag(ALICE, id, "x");
        assertThat(fixture.stored(id).tags()).containsExactly("y");
    }

    @Test
    void removingAnAbsentTagIsNotFoundNamingIt() {
        assertThatThrownBy(() -> fixture.services.tags().removeTag(ALICE, id, "absent"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("absent");
    }

    @Test
    void tagsAreAtMost255Characters() {
        fixture.services.tags().addTag(ALICE, id, "t".repeat(255));

        assertThatThrownBy(() -> fixture.services.tags().addTag(ALICE, id, "t".repeat(256)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(fixture.stored(id).tags()).hasSize(1);
    }

    @Test
    void tagQuotaIs128() {
        for (int i = 1; i <= 128; i++) {
            fixture.services.tags().addTag(ALICE, id, "t" + i);
        }

        assertThatThrownBy(() -> fixture.services.tags().addTag(ALICE, id, "t129"))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("128");
        fixture.services.tags().addTag(ALICE, id, "t1");
        assertThat(fixture.stored(id).tags()).hasSize(128);
    }

    @Test
    void onlyOwnersChangeTags() {
        ImageId publicImage = fixture.queuedImage("alice", Visibility.PUBLIC).id();

        assertThatThrownBy(() -> fixture.services.tags().addTag(BOB, publicImage, "mine"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fixture.services.tags().addTag(BOB, id, "mine"))
                .isInstanceOf(NotFoundException.class);
    }
}
