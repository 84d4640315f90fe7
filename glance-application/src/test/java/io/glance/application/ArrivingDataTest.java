package io.glance.application;

import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivingDataTest {
    private static final ArrivingData.EndPeek ENDS = () -> false;
    private static final ArrivingData.EndPeek GOES_ON = () -> true;

    @Test
    void aReadNeverReachesPastTheDeclaredSize() throws Exception {
        ArrivingData data = new ArrivingData(1000, 100, UploadStream.overImageSizeCap(1000));
        assertThat(data.room(64)).isEqualTo(64);
        data.arrived(64, ENDS);
        assertThat(data.room(64)).isEqualTo(36);
        data.arrived(36, ENDS);
        assertThat(data.room(64)).isZero();
        data.arrived(-1, GOES_ON); // the end was already seen at the last declared byte: no second peek
        assertThat(data.count()).isEqualTo(100);
    }

    @Test
    void dataLongerThanDeclaredIsRefusedAtItsLastDeclaredByte() throws Exception {
        ArrivingData data = new ArrivingData(1000, 100, UploadStream.overImageSizeCap(1000));
        data.arrived(99, GOES_ON); // not at the declared end yet: no peek
        assertThatThrownBy(() -> data.arrived(1, GOES_ON))
                .isInstanceOf(SizeMismatchException.class)
                .hasMessage("The data of the image is longer than the 100 bytes declared");
    }

    @Test
    void dataEndingEarlyIsRefusedNamingBothLengths() throws Exception {
        ArrivingData data = new ArrivingData(1000, 100, UploadStream.overImageSizeCap(1000));
        data.arrived(40, ENDS);
        assertThatThrownBy(() -> data.arrived(-1, ENDS))
                .isInstanceOf(SizeMismatchException.class)
                .hasMessage("The data of the image ended after 40 bytes; 100 were declared");
    }

    @Test
    void undeclaredDataIsHeldToTheCap() throws Exception {
        ArrivingData data = new ArrivingData(100, -1, UploadStream.overImageSizeCap(100));
        assertThat(data.room(4096)).isEqualTo(4096);
        data.arrived(100, GOES_ON);
        assertThatThrownBy(() -> data.arrived(1, GOES_ON))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Image data exceeds the image_size_cap of 100 bytes");
        assertThat(data.count()).isEqualTo(101);
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThatThrownBy(() -> new ArrivingData(-1, -1, UploadStream.overImageSizeCap(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sizeCap is negative: -1");
    }
}
