package io.glance.adapters.store;

import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriverFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What a plugin's factory says about its store type, read once at load time (so a factory that cannot describe
 * itself fails startup, not the first request) and checked for the basics the host relies on.
 *
 * @param type         the canonical type name, e.g. {@code file}
 * @param aliases      other accepted names, e.g. {@code filesystem}
 * @param schemes      location URI schemes, at least one
 * @param capabilities what the drivers can do
 * @param configKeys   the option names drivers accept
 * @param factoryClass the implementing class, for messages
 */
public record StoreTypeDescription(String type, Set<String> aliases, Set<String> schemes,
                                   Set<StoreCapability> capabilities, List<String> configKeys, String factoryClass) {

    public StoreTypeDescription {
        requireNonNull(type, "type is null");
        aliases = Set.copyOf(aliases);
        schemes = Set.copyOf(schemes);
        capabilities = Set.copyOf(capabilities);
        configKeys = List.copyOf(configKeys);
        requireNonNull(factoryClass, "factoryClass is null");
    }

    /**
     * Asks {@code factory} to describe itself.
     *
     * @throws IllegalArgumentException naming the factory and the problem when the description is unusable
     */
    static StoreTypeDescription of(StoreDriverFactory factory) {
        String factoryClass = factory.getClass().getName();
        String type = factory.type();
        if (type == null || type.isBlank() || !type.equals(type.strip())) {
            throw new IllegalArgumentException(factoryClass + " has an unusable type() '" + type + "'");
        }
        Set<String> aliases = nonNull(factory.aliases(), factoryClass, "aliases()");
        Set<String> schemes = nonNull(factory.schemes(), factoryClass, "schemes()");
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException(factoryClass + " declares no schemes(); the host could not tell "
                    + "which locations its stores hold");
        }
        Set<StoreCapability> capabilities = nonNull(factory.capabilities(), factoryClass, "capabilities()");
        List<ConfigKey> keys = nonNull(factory.configKeys(), factoryClass, "configKeys()");
        Set<String> names = new HashSet<>();
        for (ConfigKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException(factoryClass + " declares config key '" + key.name() + "' twice");
            }
        }
        return new StoreTypeDescription(type, aliases, lowerCase(schemes), capabilities,
                keys.stream().map(ConfigKey::name).toList(), factoryClass);
    }

    /** The type followed by its aliases: every name operators may use for it. */
    List<String> names() {
        return Stream.concat(Stream.of(type), aliases.stream().sorted()).toList();
    }

    private static <T> T nonNull(T value, String factoryClass, String method) {
        if (value == null) {
            throw new IllegalArgumentException(factoryClass + "." + method + " returned null");
        }
        return value;
    }

    /** URI schemes are case-insensitive (RFC 3986), so they are compared in lower case. */
    private static Set<String> lowerCase(Set<String> schemes) {
        return schemes.stream().map(scheme -> scheme.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
