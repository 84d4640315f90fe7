package io.glance.application;

import io.glance.domain.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of a resumable upload session, from tus' {@code Upload-Metadata} ({@code key base64value,key ...}):
 * {@code import} ({@code true}, or a key without value) imports the image with glance-direct once the last byte
 * arrived, into {@code stores} (comma-separated store ids) when given, else the default store. Other keys (tus
 * clients send {@code filename}, {@code filetype}...) are accepted and ignored.
 *
 * @param importOnComplete whether the complete data is imported straight away
 * @param stores           the stores to import into, or {@code null} for the default
 */
record UploadOptions(boolean importOnComplete, List<String> stores) {

    static UploadOptions parse(String header) {
        Map<String, String> values = decode(header);
        String importValue = values.get("import");
        boolean importOnComplete;
        if (importValue == null) {
            importOnComplete = values.containsKey("import");
        } else {
            importOnComplete = switch (importValue.toLowerCase(Locale.ROOT)) {
                case "", "true", "glance-direct" -> true;
                case "false" -> false;
                default -> throw new InvalidInputException("Upload-Metadata 'import' must be true or false, not '"
                        + importValue + "'");
            };
        }
        String storeList = values.get("stores");
        List<String> stores = null;
        if (storeList != null && !storeList.isBlank()) {
            stores = new ArrayList<>();
            for (String store : storeList.split(",")) {
                if (!store.isBlank()) {
                    stores.add(store.strip());
                }
            }
        }
        if (stores != null && !importOnComplete) {
            throw new InvalidInputException("Upload-Metadata 'stores' (" + storeList + ") needs 'import'");
        }
        return new UploadOptions(importOnComplete, stores);
    }

    /** @return values by key; a key without value maps to {@code null} */
    private static Map<String, String> decode(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        for (String pair : header.split(",")) {
            String item = pair.strip();
            if (item.isEmpty()) {
                continue;
            }
            int space = item.indexOf(' ');
            String key = space < 0 ? item : item.substring(0, space);
            String encoded = space < 0 ? null : item.substring(space + 1).strip();
            if (values.containsKey(key)) {
                throw new InvalidInputException("Upload-Metadata names the key '" + key + "' twice");
            }
            try {
                values.put(key, encoded == null ? null
                        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Upload-Metadata value of '" + key + "' is not Base64: '" + encoded
                        + "'");
            }
        }
        return values;
    }
}
