package io.glance.http.errors;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTest {

    private static String body(ErrorFormat format, int status, String message) {
        return new String(ErrorPages.render(format, status, message).body(), StandardCharsets.UTF_8);
    }

    @Test
    void htmlIsWebobsPageByteForByte() {
        assertThat(body(ErrorFormat.HTML, 404, "No image found with ID x")).isEqualTo("""
                <html>
                 <head>
                  <title>404 Not Found</title>
                 </head>
                 <body>
                  <h1>404 Not Found</h1>
                  No image found with ID x<br /><br />



                 </body>
                </html>""");
        assertThat(ErrorPages.render(ErrorFormat.HTML, 404, "m").contentType()).startsWith("text/html");
    }

    @Test
    void htmlEscapesTheMessageLikePython() {
        assertThat(body(ErrorFormat.HTML, 400, "<a href='x'>&\"é")).contains("&lt;a href=&#x27;x&#x27;&gt;&amp;&quot;&#233;");
    }

    @Test
    void jsonIsWebobsFlatObject() {
        assertThat(body(ErrorFormat.JSON, 413, "too big"))
                .isEqualTo("{\"message\":\"too big<br /><br />\\n\\n\\n\",\"code\":\"413 Request Entity Too Large\","
                        + "\"title\":\"Request Entity Too Large\"}");
        assertThat(ErrorPages.render(ErrorFormat.JSON, 404, "m").contentType()).isEqualTo("application/json");
    }

    @Test
    void plainTextIsWebobsStrippedTemplate() {
        assertThat(body(ErrorFormat.PLAIN, 409, "Image x is active;\nno upload"))
                .isEqualTo("409 Conflict\n\nImage x is active; no upload\n\n   ");
        assertThat(ErrorPages.render(ErrorFormat.PLAIN, 404, "m").contentType()).startsWith("text/plain");
    }
}
