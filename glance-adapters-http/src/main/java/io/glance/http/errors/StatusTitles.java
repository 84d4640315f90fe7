package io.glance.http.errors;

import io.helidon.http.Status;

/** The reason phrases webob uses, which appear in Glance's error bodies ({@code "code": "413 Request Entity Too Large"}). */
public final class StatusTitles {

    private StatusTitles() {
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Requested Range Not Satisfiable";
            case 412 -> "Precondition Failed";
            case 431 -> "Request Header Fields Too Large";
            case 460 -> "Checksum Mismatch";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> Status.create(status).reasonPhrase();
        };
    }

    /** A Helidon status with webob's reason phrase, so the status line matches the body. */
    public static Status status(int status) {
        return Status.create(status, title(status));
    }
}
