package io.glance.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a failed answer into a typed exception. The client asks for {@code application/json} (a flat
 * {@code {"message", "code", "title"}} object), but proxies and older servers answer with webob's HTML or plain
 * text, so all three are read.
 */
final class ErrorResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    static GlanceClientException toException(String method, String target, int status, String contentType,
            String body) {
        String serverMessage = serverMessage(contentType, body);
        String message = method + " " + target + " failed with HTTP " + status
                + (serverMessage.isEmpty() ? "" : ": " + serverMessage);
        return switch (status) {
            case 400 -> new BadRequestException(serverMessage, message);
            case 401 -> new UnauthorizedException(serverMessage, message);
            case 403 -> new ForbiddenException(serverMessage, message);
            case 404 -> new NotFoundException(serverMessage, message);
            case 409 -> new ConflictException(serverMessage, message);
            case 410 -> new GoneException(serverMessage, message);
            case 413 -> new PayloadTooLargeException(serverMessage, message);
            case 415 -> new UnsupportedMediaTypeException(serverMessage, message);
            default -> status >= 500
                    ? new ServerErrorException(status, serverMessage, message)
                    : new GlanceClientException(status, serverMessage, message);
        };
    }

    static String serverMessage(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        String trimmed = body.strip();
        if (type.contains("json") || trimmed.startsWith("{")) {
            String fromJson = fromJson(trimmed);
            if (fromJson != null) {
                return fromJson;
            }
        }
        if (type.contains("html") || trimmed.startsWith("<")) {
            return fromHtml(trimmed);
        }
        return fromText(trimmed);
    }

    private static String fromJson(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root.hasNonNull("message")) {
                return withoutBreaks(root.get("message").asText());
            }
            // glanceclient's shape: {"error": {"message": ...}}
            for (JsonNode value : root) {
                if (value.isObject() && value.hasNonNull("message")) {
                    return withoutBreaks(value.get("message").asText());
                }
            }
            return null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    /** webob's JSON message keeps the {@code <br /><br />} its HTML template puts after the detail. */
    private static String withoutBreaks(String message) {
        return message.replaceAll("(?i)(<br\\s*/?>\\s*)+", " ").strip();
    }

    /** webob's HTML: the title repeats the status line; the body has the message; unique lines joined by ": ". */
    private static String fromHtml(String body) {
        String withoutTitle = body.replaceAll("(?is)<title>.*?</title>", "").replaceAll("(?is)<h1>.*?</h1>", "");
        String text = withoutTitle.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("<[^>]*>", "\n");
        Set<String> lines = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String stripped = unescape(line.strip());
            if (!stripped.isEmpty()) {
                lines.add(stripped);
            }
        }
        return String.join(": ", lines);
    }

    /** webob's text/plain: {@code "404 Not Found\n\nMESSAGE"}: drop the status line. */
    private static String fromText(String body) {
        String[] parts = body.split("\n\n", 2);
        if (parts.length == 2 && parts[0].matches("\\d{3} .*")) {
            return parts[1].strip();
        }
        return body;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
