package io.glance.cli;

import io.glance.client.ChecksumMismatchException;
import io.glance.client.ConflictException;
import io.glance.client.EndpointNotFoundException;
import io.glance.client.ForbiddenException;
import io.glance.client.GlanceClientException;
import io.glance.client.GlanceConnectionException;
import io.glance.client.KeystoneException;
import io.glance.client.NotFoundException;
import io.glance.client.UnauthorizedException;

/**
 * The exit status of {@code glance}, so scripts can tell failures apart. Cactus used 0 and 1 only; 1 keeps its
 * meaning (usage errors and anything unclassified).
 */
final class ExitCodes {
    static final int OK = 0;
    /**
     * Bad usage: unknown command or option, malformed {@code key=value}, a refused confirmation, no way to reach the
     * image service (no URL, no credentials, no image endpoint in the catalog).
     */
    static final int USAGE = 1;
    /** The image (member, tag) does not exist: HTTP 404. */
    static final int NOT_FOUND = 2;
    /** The image is in the wrong state or the thing exists already: HTTP 409. */
    static final int CONFLICT = 3;
    /** Not allowed: HTTP 401 or 403, or Keystone refused the login. */
    static final int FORBIDDEN = 4;
    /** The server (or Keystone) could not be reached, the connection broke, or TLS failed. */
    static final int CONNECTION = 5;
    /** A download did not match the image's checksum (the partial file is deleted). */
    static final int CHECKSUM = 6;
    /** Any other error answer from the server (400, 413, 5xx, ...). */
    static final int SERVER_ERROR = 7;

    private ExitCodes() {
    }

    static int of(GlanceClientException e) {
        return switch (e) {
            case NotFoundException ignored -> NOT_FOUND;
            case ConflictException ignored -> CONFLICT;
            case ForbiddenException ignored -> FORBIDDEN;
            case UnauthorizedException ignored -> FORBIDDEN;
            case GlanceConnectionException ignored -> CONNECTION;
            case KeystoneException keystone -> keystone.status() == 0 ? CONNECTION
                    : keystone.status() == 401 || keystone.status() == 403 ? FORBIDDEN : SERVER_ERROR;
            case EndpointNotFoundException ignored -> USAGE;
            case ChecksumMismatchException ignored -> CHECKSUM;
            default -> SERVER_ERROR;
        };
    }
}
