package io.glance.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageStatusTest {

    @Test
    void followsGlancesStatusMachine() {
        assertThat(ImageStatus.QUEUED.canMoveTo(ImageStatus.SAVING)).isTrue();
        assertThat(ImageStatus.SAVING.canMoveTo(ImageStatus.ACTIVE)).isTrue();
        assertThat(ImageStatus.SAVING.canMoveTo(ImageStatus.QUEUED)).isTrue();
        assertThat(ImageStatus.ACTIVE.canMoveTo(ImageStatus.DEACTIVATED)).isTrue();
        assertThat(ImageStatus.DEACTIVATED.canMoveTo(ImageStatus.ACTIVE)).isTrue();
        assertThat(ImageStatus.ACTIVE.canMoveTo(ImageStatus.SAVING)).isFalse();
        assertThat(ImageStatus.ACTIVE.canMoveTo(ImageStatus.QUEUED)).isFalse();
        assertThat(ImageStatus.KILLED.canMoveTo(ImageStatus.ACTIVE)).isFalse();
        for (ImageStatus target : ImageStatus.values()) {
            assertThat(ImageStatus.DELETED.canMoveTo(target)).as("deleted is terminal").isFalse();
        }
    }

    @Test
    void wireNamesRoundTrip() {
        for (ImageStatus status : ImageStatus.values()) {
            assertThat(ImageStatus.fromWire(status.wireName())).isEqualTo(status);
        }
        assertThat(ImageStatus.PENDING_DELETE.wireName()).isEqualTo("pending_delete");
        assertThatThrownBy(() -> ImageStatus.fromWire("ACTIVE")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ACTIVE");
    }
}
