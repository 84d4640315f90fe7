package io.glance.http.data;

import io.glance.domain.RangeNotSatisfiableException;
import io.glance.ports.in.RangeRequest;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeHeadersTest {

    private static List<RangeRequest> range(String value) {
        return RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.RANGE, value));
    }

    @Test
    void readsTheThreeSingleRangeForms() {
        assertThat(range("bytes=0-99")).containsExactly(new RangeRequest(0, 99));
        assertThat(range("bytes=100-")).containsExactly(new RangeRequest(100, -1));
        assertThat(range("bytes=-5")).containsExactly(new RangeRequest(-1, 5));
        assertThat(range(" Bytes = 3 - 4 ")).containsExactly(new RangeRequest(3, 4));
    }

    @Test
    void noRangeHeaderMeansTheWholeData() {
        assertThat(RangeHeaders.parse(WritableHeaders.create())).isEmpty();
    }

    /** Glance answers 400 here; RFC 9110 allows a multipart 206 or a 200, never a 400. */
    @Test
    void severalRangesAreReadInTheClientsOrder() {
        assertThat(range("bytes=5-6, 0-1,-3")).containsExactly(new RangeRequest(5, 6), new RangeRequest(0, 1),
                new RangeRequest(-1, 3));
    }

    @Test
    void unparsableRangesAreNotSatisfiable() {
        for (String bad : new String[] {"bytes=", "bytes=-", "bytes=5-2", "items=0-1", "bytes=a-b", "bytes=-0",
                "bytes=99999999999999999999-", "bytes=0-1,x", "bytes=0-1,5-2"}) {
            assertThatThrownBy(() -> range(bad)).as(bad).isInstanceOf(RangeNotSatisfiableException.class)
                    .hasMessageContaining(bad.strip());
        }
    }

    @Test
    void honoursALegacyRequestContentRange() {
        assertThat(RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE, "bytes 2-5/10")))
                .containsExactly(new RangeRequest(2, 5));
        assertThat(RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE, "bytes 2-5/*")))
                .containsExactly(new RangeRequest(2, 5));
        assertThatThrownBy(() -> RangeHeaders.parse(WritableHeaders.create().set(HeaderNames.CONTENT_RANGE,
                "bytes 2-5/4"))).isInstanceOf(RangeNotSatisfiableException.class);
    }
}
