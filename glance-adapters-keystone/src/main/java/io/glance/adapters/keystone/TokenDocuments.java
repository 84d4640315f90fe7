package io.glance.adapters.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.CatalogEntry;
import io.glance.domain.ValidatedToken;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads Keystone v3's token document ({@code {"token": {...}}} of {@code GET /v3/auth/tokens}). */
final class TokenDocuments {
    private TokenDocuments() {
    }

    /**
     * @throws IllegalArgumentException when the document lacks what every v3 token has (user, expiry), naming it
     */
    static ValidatedToken read(JsonNode document) {
        JsonNode token = document == null ? null : document.get("token");
        if (token == null || !token.isObject()) {
            throw new IllegalArgumentException("no 'token' object");
        }
        JsonNode user = token.path("user");
        String userId = text(user, "id");
        if (userId == null) {
            throw new IllegalArgumentException("no token.user.id");
        }
        String expires = text(token, "expires_at");
        if (expires == null) {
            throw new IllegalArgumentException("no token.expires_at");
        }
        Instant expiresAt;
        try {
            expiresAt = instant(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("token.expires_at '" + expires + "' is not a time");
        }
        JsonNode project = token.path("project");
        JsonNode domain = token.path("domain");
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(role -> {
            String name = text(role, "name");
            if (name != null) {
                roles.add(name);
            }
        });
        JsonNode isAdminProject = token.get("is_admin_project");
        return new ValidatedToken(userId, text(user, "name"), text(user.path("domain"), "id"),
                text(user.path("domain"), "name"), text(project, "id"), text(project, "name"),
                text(project.path("domain"), "id"), text(project.path("domain"), "name"), text(domain, "id"),
                text(domain, "name"), token.path("system").path("all").asBoolean(false), roles,
                isAdminProject == null || isAdminProject.asBoolean(true), expiresAt, catalog(token.path("catalog")));
    }

    /** Keystone writes {@code 2026-12-06T21:03:34.000000Z}; other offsets are accepted too. */
    static Instant instant(String text) {
        return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static List<CatalogEntry> catalog(JsonNode catalog) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (JsonNode service : catalog) {
            String type = text(service, "type");
            if (type == null) {
                continue;
            }
            List<CatalogEntry.Endpoint> endpoints = new ArrayList<>();
            for (JsonNode endpoint : service.path("endpoints")) {
                String iface = text(endpoint, "interface");
                String url = text(endpoint, "url");
                if (iface != null && url != null) {
                    String region = text(endpoint, "region_id");
                    endpoints.add(new CatalogEntry.Endpoint(iface, region != null ? region : text(endpoint, "region"),
                            url));
                }
            }
            entries.add(new CatalogEntry(type, text(service, "name"), endpoints));
        }
        return entries;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
