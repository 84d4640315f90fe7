package io.glance.http.errors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorFormatTest {

    @Test
    void bothClientsDefaultsGetHtml() {
        assertThat(ErrorFormat.choose(List.of())).isEqualTo(ErrorFormat.HTML);
        assertThat(ErrorFormat.choose(List.of("*/*"))).isEqualTo(ErrorFormat.HTML);
        assertThat(ErrorFormat.choose(List.of("text/html"))).isEqualTo(ErrorFormat.HTML);
    }

    @Test
    void jsonWhenAskedFor() {
        assertThat(ErrorFormat.choose(List.of("application/json"))).isEqualTo(ErrorFormat.JSON);
        assertThat(ErrorFormat.choose(List.of("text/html;q=0.5, application/json"))).isEqualTo(ErrorFormat.JSON);
        assertThat(ErrorFormat.choose(List.of("application/*"))).isEqualTo(ErrorFormat.JSON);
    }

    @Test
    void plainTextForAnEmptyOrUnmatchedAccept() {
        assertThat(ErrorFormat.choose(List.of(""))).isEqualTo(ErrorFormat.PLAIN);
        assertThat(ErrorFormat.choose(List.of("application/octet-stream"))).isEqualTo(ErrorFormat.PLAIN);
        assertThat(ErrorFormat.choose(List.of("text/html;q=0, application/json;q=0"))).isEqualTo(ErrorFormat.PLAIN);
    }

    @Test
    void mostSpecificRangeDecides() {
        assertThat(ErrorFormat.choose(List.of("*/*, text/html;q=0"))).isEqualTo(ErrorFormat.JSON);
    }

    @Test
    void anUnparsableHeaderIsTreatedLikeAnythingGoes() {
        assertThat(ErrorFormat.choose(List.of("garbage;;q=x"))).isEqualTo(ErrorFormat.HTML);
    }
}
