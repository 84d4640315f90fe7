package io.glance.http.v2;

import io.glance.domain.ImageId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageLinksTest {
    private static final ImageId LAST = new ImageId("0b5e4b39-5f6a-4e5a-8e52-3c2a7f6d9a01");

    @Test
    void linksKeepTheQueryAsSentWithoutMarker() {
        PageLinks links = PageLinks.of("limit=2&marker=abc&tag=a%20b&tag=c&sort_key=name");
        assertThat(links.first()).isEqualTo("/v2/images?limit=2&tag=a%20b&tag=c&sort_key=name");
        assertThat(links.next(LAST)).isEqualTo("/v2/images?limit=2&tag=a%20b&tag=c&sort_key=name&marker=" + LAST);
    }

    @Test
    void withoutQuery() {
        PageLinks links = PageLinks.of("");
        assertThat(links.first()).isEqualTo("/v2/images");
        assertThat(links.next(LAST)).isEqualTo("/v2/images?marker=" + LAST);
    }
}
