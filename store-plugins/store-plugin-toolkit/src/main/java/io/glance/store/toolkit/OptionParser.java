package io.glance.store.toolkit;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One store's options read against the {@link ConfigKey}s its driver declares: a value given, or else the declared
 * default. Every refusal is a {@link BadStoreConfigurationException} whose message names the store, the option and
 * the offending value, in one wording for every driver, e.g.
 * {@code s3 store 'fast': option 's3_store_large_object_chunk_size' value 'ten' is not a whole number}.
 *
 * <p>Values are stripped; a blank value counts as absent. Asking for a key the driver did not declare is a bug in the
 * driver, so it throws {@link IllegalArgumentException} rather than a configuration error.
 */
public final class OptionParser {
    private final String storeType;
    private final String storeId;
    private final Map<String, ConfigKey> declared;
    private final Map<String, String> given;

    private OptionParser(String storeType, String storeId, Map<String, ConfigKey> declared, Map<String, String> given) {
        this.storeType = storeType;
        this.storeId = storeId;
        this.declared = declared;
        this.given = given;
    }

    /**
     * Reads {@code options}, refusing any key not among {@code keys} (the host refuses them too, but a driver may be
     * created by other hosts, e.g. the TCK).
     *
     * @param storeType the driver's type for messages, e.g. {@code s3}
     * @param storeId   the configured store's id
     */
    public static OptionParser of(String storeType, String storeId, List<ConfigKey> keys, Map<String, String> options) {
        requireNonNull(storeType, "storeType is null");
        requireNonNull(storeId, "storeId is null");
        requireNonNull(keys, "keys is null");
        requireNonNull(options, "options is null");
        Map<String, ConfigKey> declared = new LinkedHashMap<>();
        keys.forEach(key -> declared.put(key.name(), key));
        OptionParser parsed = new OptionParser(storeType, storeId, declared, Map.copyOf(options));
        for (String name : options.keySet()) {
            if (!declared.containsKey(name)) {
                throw parsed.bad("unknown option '" + name + "'; accepted options are "
                        + declared.keySet().stream().sorted().toList());
            }
        }
        return parsed;
    }

    /** The value given, else the declared default; empty when neither. */
    public Optional<String> text(String key) {
        ConfigKey declaration = declaration(key);
        String value = given.get(key);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.strip());
        }
        return Optional.ofNullable(declaration.defaultValue());
    }

    /** The value given or its default; refused as missing when neither exists. */
    public String required(String key) {
        return text(key).orElseThrow(() -> bad("option '" + key + "' is required"));
    }

    /** Whether the option was given explicitly (defaults do not count). */
    public boolean isGiven(String key) {
        declaration(key);
        String value = given.get(key);
        return value != null && !value.isBlank();
    }

    /** {@code true/yes/on/1} or {@code false/no/off/0}, any case. */
    public boolean bool(String key) {
        String value = required(key);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, value, "is not a boolean (true or false)");
        };
    }

    /** A whole number within {@code min..max}, both inclusive. */
    public long number(String key, long min, long max) {
        String value = required(key);
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(key, value, "is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw bad(key, value, "is outside " + min + ".." + max);
        }
        return parsed;
    }

    /** A comma-separated list, items stripped, empty items dropped; empty when absent. */
    public List<String> list(String key) {
        return text(key).map(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    /**
     * An {@code http://} or {@code https://} URL with a host and without user info; a URL carrying credentials is
     * refused without echoing it.
     */
    public URI httpUrl(String key) {
        String value = required(key);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw bad(key, value, "is not a URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw bad("option '" + key + "' must not carry credentials in the URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw bad(key, value, "is not an http:// or https:// URL with a host");
        }
        return uri;
    }

    /** A refusal of {@code value} of option {@code key}, e.g. {@code bad(k, v, "is not a valid bucket name")}. */
    public BadStoreConfigurationException bad(String key, String value, String problem) {
        return bad("option '" + key + "' value '" + value + "' " + problem);
    }

    /** A refusal in this store's words: {@code <type> store '<id>': <problem>}. */
    public BadStoreConfigurationException bad(String problem) {
        return new BadStoreConfigurationException(storeType + " store '" + storeId + "': " + problem);
    }

    private ConfigKey declaration(String key) {
        ConfigKey declaration = declared.get(key);
        if (declaration == null) {
            throw new IllegalArgumentException("option '" + key + "' is not declared by the " + storeType
                    + " driver; declared: " + declared.keySet());
        }
        return declaration;
    }
}
