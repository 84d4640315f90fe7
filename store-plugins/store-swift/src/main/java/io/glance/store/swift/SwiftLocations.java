package io.glance.store.swift;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Glance's Swift locations, {@code swift+http://<auth host:port>/<auth path>/<container>/<image id>}, but never with
 * the {@code user:key@} part glance_store used to put there: locations are stored in the database and shown to users.
 * Credentials in a location that is read back are ignored; the store's own are used.
 */
final class SwiftLocations {

    static final Set<String> SCHEMES = Set.of("swift", "swift+http", "swift+https");
    /** Object names are derived from image ids; refuse anything that could address another object. */
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final URI authAddress;
    private final String container;
    private final String prefix;

    SwiftLocations(URI authAddress, String container) {
        this.authAddress = requireNonNull(authAddress, "authAddress is null");
        this.container = requireNonNull(container, "container is null");
        String path = authAddress.getRawPath() == null ? "" : authAddress.getRawPath();
        this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static boolean isValidImageId(String imageId) {
        return IMAGE_ID.matcher(imageId).matches();
    }

    URI locationOf(String imageId) {
        String scheme = "swift+" + authAddress.getScheme().toLowerCase(Locale.ROOT);
        try {
            return new URI(scheme + "://" + authAddress.getRawAuthority() + prefix + "/" + container + "/" + imageId);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("image id '" + imageId + "' does not make a valid location", e);
        }
    }

    /** The image id a location of this store names, or empty for foreign or malformed locations. */
    Optional<String> imageIdOf(URI location) {
        requireNonNull(location, "location is null");
        String scheme = location.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) || location.getHost() == null) {
            return Optional.empty();
        }
        if (!location.getHost().equalsIgnoreCase(authAddress.getHost())
                || effectivePort(location) != effectivePort(authAddress)) {
            return Optional.empty();
        }
        String path = location.getRawPath();
        String expected = prefix + "/" + container + "/";
        if (path == null || !path.startsWith(expected)) {
            return Optional.empty();
        }
        String imageId = path.substring(expected.length());
        return isValidImageId(imageId) ? Optional.of(imageId) : Optional.empty();
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).endsWith("http") ? 80 : 443;
    }
}
