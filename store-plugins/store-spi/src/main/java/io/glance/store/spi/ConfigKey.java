package io.glance.store.spi;

import java.util.Objects;

/**
 * One configuration option a driver accepts. Keys the driver does not declare are refused by the host, and the values
 * of {@link #secret()} keys are masked in logs and in {@code /v2/info/stores/detail}.
 *
 * @param name         the option name, e.g. {@code filesystem_store_datadir}
 * @param description  one line for operators
 * @param defaultValue the value used when the option is absent, or {@code null} when it is required or has none
 * @param required     whether the store cannot start without it
 * @param secret       whether the value is a credential
 */
public record ConfigKey(String name, String description, String defaultValue, boolean required, boolean secret) {

    public ConfigKey {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
    }

    public static ConfigKey optional(String name, String defaultValue, String description) {
        return new ConfigKey(name, description, defaultValue, false, false);
    }

    public static ConfigKey required(String name, String description) {
        return new ConfigKey(name, description, null, true, false);
    }

    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, description, null, false, true);
    }
}
