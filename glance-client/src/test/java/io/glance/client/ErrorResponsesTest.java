package io.glance.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {
    @Test
    void readsFlatJson() {
        assertThat(ErrorResponses.serverMessage("application/json",
                "{\"message\": \"No image found with ID x<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}"))
                .isEqualTo("No image found with ID x");
    }

    @Test
    void readsNestedJson() {
        assertThat(ErrorResponses.serverMessage("application/json", "{\"error\": {\"message\": \"nested\"}}"))
                .isEqualTo("nested");
    }

    @Test
    void readsWebobHtml() {
        String html = "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n"
                + "  No image found with ID x<br /><br />\n\n\n\n </body>\n</html>";
        assertThat(ErrorResponses.serverMessage("text/html; charset=UTF-8", html)).isEqualTo("No image found with ID x");
    }

    @Test
    void readsWebobText() {
        assertThat(ErrorResponses.serverMessage("text/plain", "409 Conflict\n\nImage status transition refused\n\n   "))
                .isEqualTo("Image status transition refused");
    }

    @Test
    void mapsStatusesToTypes() {
        assertThat(ErrorResponses.toException("GET", "/v2/images/x", 404, "", ""))
                .isInstanceOf(NotFoundException.class).hasMessage("GET /v2/images/x failed with HTTP 404");
        assertThat(ErrorResponses.toException("PUT", "/p", 503, "text/plain", "503 Service Unavailable\n\ndown"))
                .isInstanceOf(ServerErrorException.class).hasMessage("PUT /p failed with HTTP 503: down");
        assertThat(ErrorResponses.toException("PUT", "/p", 418, "", "").status()).isEqualTo(418);
    }
}
