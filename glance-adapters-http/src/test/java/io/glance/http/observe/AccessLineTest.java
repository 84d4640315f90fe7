package io.glance.http.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLineTest {
    @Test
    void namesRequestMethodPathStatusBytesAndMillisecondsWithOneDecimal() {
        assertThat(AccessLine.of("req-1", "GET", "/v2/images?limit=25", 200, 512, 1_250_000))
                .isEqualTo("req-1 GET /v2/images?limit=25 200 512 1.3ms");
        assertThat(AccessLine.of("-", "POST", "/v2/images", 201, 0, 12_345_678_901L))
                .isEqualTo("- POST /v2/images 201 0 12345.7ms");
        assertThat(AccessLine.of("r", "HEAD", "/", 404, 7, 40_000)).isEqualTo("r HEAD / 404 7 0.0ms");
    }

    @Test
    void escapesSpacesAndControlCharactersSoThatAPathCannotForgeALine() {
        assertThat(AccessLine.of("r", "GET", "/a b\r\nx\u007f\t", 400, 1, 0))
                .isEqualTo("r GET /a%20b%0D%0Ax%7F%09 400 1 0.0ms");
    }

    @Test
    void cutsLongPaths() {
        String line = AccessLine.of("r", "GET", "/" + "a".repeat(1000), 414, 1, 0);
        assertThat(line).isEqualTo("r GET /" + "a".repeat(AccessLine.MAX_PATH - 1) + "... 414 1 0.0ms");
    }
}
