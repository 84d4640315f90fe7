package io.glance.http.v2;

import io.glance.domain.InvalidInputException;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.ports.in.RangeRequest;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRangeHeaders {

    private static Optional<RangeRequest> range(String value) {
        return RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.RANGE, value));
    }

    @Test
    void readsTheThreeSingleRangeForms() {
        assertThat(range("bytes=0-99")).contains(new RangeRequest(0, 99));
        assertThat(range("bytes=100-")).contains(new RangeRequest(100, -1));
        assertThat(range("bytes=-5")).contains(new RangeRequest(-1, 5));
        assertThat(range(" Bytes = 3 - 4 ")).contains(new RangeRequest(3, 4));
    }

    @Test
    void noRangeHeaderMeansTheWholeData() {
        assertThat(RangeHeaders.parse(WritableHeaders.create())).isEmpty();
    }

    @Test
    void severalRangesAreABadRequest() {
        assertThatThrownBy(() -> range("bytes=0-1,5-6")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiple ranges").hasMessageContaining("bytes=0-1,5-6");
    }

    @Test
    void unparsableRangesAreNotSatisfiable() {
        for (String bad : new String[] {"bytes=", "bytes=-", "bytes=5-2", "items=0-1", "bytes=a-b", "bytes=-0",
                "bytes=99999999999999999999-"}) {
            assertThatThrownBy(() -> range(bad)).as(bad).isInstanceOf(RangeNotSatisfiableException.class)
                    .hasMessageContaining(bad.strip());
        }
    }

    @Test
    void honoursALegacyRequestContentRange() {
        assertThat(RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE, "bytes 2-5/10")))
                .contains(new RangeRequest(2, 5));
        assertThat(RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE, "bytes 2-5/*")))
                .contains(new RangeRequest(2, 5));
        assertThatThrownBy(() -> RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE,
                "bytes 2-5/4"))).isInstanceOf(RangeNotSatisfiableException.class);
    }
}
