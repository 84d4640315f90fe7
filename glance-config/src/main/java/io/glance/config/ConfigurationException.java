package io.glance.config;

/** The configuration cannot be used; the message names the option and the value. Startup stops. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
