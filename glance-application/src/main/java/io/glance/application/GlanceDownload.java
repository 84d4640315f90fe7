package io.glance.application;

import io.glance.domain.CatalogEntry;
import io.glance.domain.Image;
import io.glance.ports.out.RemoteImages;
import io.glance.ports.out.WebDownloads;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * glance-download's rules (spec §6), apart from the flow that runs them: which endpoint of the caller's catalog is
 * the source (Glance's {@code get_glance_endpoint}: service type {@code image}, region compared without case, the
 * requested interface), that the remote image is active, and what of its record is copied: the disk and container
 * formats and the properties whose names start with one of {@code extra_properties} (never {@code os_glance_*}).
 */
final class GlanceDownload {
    private final RemoteImages remote;
    private final List<String> prefixes;

    GlanceDownload(RemoteImages remote, List<String> prefixes) {
        this.remote = requireNonNull(remote, "remote is null");
        this.prefixes = List.copyOf(prefixes);
    }

    /** The endpoint and token a job reads with. */
    record Source(URI endpoint, String token, String imageId) {
        @Override
        public String toString() {
            return "Source[" + endpoint + ", image " + imageId + "]";
        }
    }

    Source source(ImportJob.RemoteSource job) throws IOException {
        requireNonNull(job, "a glance-download job without its source");
        if (job.caller() == null) {
            throw new IOException("glance-download needs the caller's Keystone token and service catalog"
                    + " (auth_strategy keystone)");
        }
        for (CatalogEntry service : job.caller().catalog()) {
            if (!"image".equals(service.type())) {
                continue;
            }
            for (CatalogEntry.Endpoint endpoint : service.endpoints()) {
                if (endpoint.region() != null && endpoint.region().toLowerCase(Locale.ROOT)
                        .equals(job.region().toLowerCase(Locale.ROOT)) && endpoint.iface().equals(job.iface())) {
                    String url = endpoint.url();
                    while (url.endsWith("/")) {
                        url = url.substring(0, url.length() - 1);
                    }
                    return new Source(URI.create(url), job.caller().authToken(), job.imageId());
                }
            }
        }
        throw new IOException("No image service endpoint in region '" + job.region() + "' with interface '"
                + job.iface() + "' in the caller's service catalog");
    }

    /** The remote image's record; it must be active. */
    RemoteImages.RemoteImage show(Source source) throws IOException {
        RemoteImages.RemoteImage image = remote.show(source.endpoint(), source.token(), source.imageId());
        if (!"active".equals(image.status())) {
            throw new IOException("Source image status should be active instead of " + image.status()
                    + " (image " + source.imageId() + " at " + source.endpoint() + ")");
        }
        if (image.size() == null) {
            throw new IOException("Size attribute of remote image " + source.imageId() + " could not be"
                    + " determined.");
        }
        return image;
    }

    WebDownloads.Body data(Source source) throws IOException {
        return remote.data(source.endpoint(), source.token(), source.imageId());
    }

    /** The formats and the properties glance-download copies, over the image's own values. */
    Image copyMetadata(Image image, RemoteImages.RemoteImage source) {
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.putAll(copied(source));
        return image.toBuilder().diskFormat(source.diskFormat()).containerFormat(source.containerFormat())
                .properties(properties).build();
    }

    /** Puts back the formats and the copied properties as they were in {@code before} (others' changes kept). */
    Image restoreMetadata(Image image, Image before, RemoteImages.RemoteImage source) {
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        for (String key : copied(source).keySet()) {
            if (before.properties().containsKey(key)) {
                properties.put(key, before.properties().get(key));
            } else {
                properties.remove(key);
            }
        }
        return image.toBuilder().diskFormat(before.diskFormat()).containerFormat(before.containerFormat())
                .properties(properties).build();
    }

    private Map<String, String> copied(RemoteImages.RemoteImage source) {
        Map<String, String> copied = new LinkedHashMap<>();
        source.attributes().forEach((key, value) -> {
            // Only custom properties: a base attribute (os_hash_value, os_hidden...) matched by a broad prefix is not one.
            boolean base = key.equals("id") || AttributeRules.READ_ONLY.contains(key)
                    || AttributeRules.RESERVED.contains(key) || AttributeRules.WRITABLE_BASE.contains(key);
            if (!base && !key.startsWith(AttributeRules.RESERVED_NAMESPACE)
                    && prefixes.stream().anyMatch(key::startsWith)) {
                copied.put(key, value);
            }
        });
        return copied;
    }
}
