package io.glance.http.errors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Error bodies exactly as webob 1.8's {@code WSGIHTTPException} renders them for Glance, which is what clients parse:
 * glanceclient strips the tags of the HTML page and joins its lines, openstacksdk reads the JSON {@code message}.
 */
final class ErrorPages {

    /** A rendered error body. */
    record ErrorPage(String contentType, byte[] body) {
    }

    private ErrorPages() {
    }

    static ErrorPage render(ErrorFormat format, int status, String message) {
        String statusLine = status + " " + StatusTitles.title(status);
        return switch (format) {
            case HTML -> new ErrorPage("text/html; charset=UTF-8", utf8("<html>\n <head>\n  <title>" + statusLine
                    + "</title>\n </head>\n <body>\n  <h1>" + statusLine + "</h1>\n  " + htmlEscape(message)
                    + "<br /><br />\n\n\n\n </body>\n</html>"));
            case JSON -> {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                // webob fills the body template before it serialises, hence the markup inside "message".
                body.put("message", message + "<br /><br />\n\n\n");
                body.put("code", statusLine);
                body.put("title", StatusTitles.title(status));
                yield new ErrorPage("application/json", utf8(body.toString()));
            }
            // webob's strip_tags: newlines become spaces, <br /> becomes a newline.
            case PLAIN -> new ErrorPage("text/plain; charset=UTF-8",
                    utf8(statusLine + "\n\n" + message.replace("\r", "").replace('\n', ' ') + "\n\n   "));
        };
    }

    /** Python's {@code html.escape(s, quote=True)} followed by webob's non-ASCII character references. */
    static String htmlEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#x27;");
                default -> {
                    if (c < 128) {
                        escaped.append((char) c);
                    } else {
                        escaped.append("&#").append(c).append(';');
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
