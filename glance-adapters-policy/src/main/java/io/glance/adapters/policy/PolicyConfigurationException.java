package io.glance.adapters.policy;

/** The policy file or a rule in it cannot be used; glance-api does not start. The message names file and rule. */
public final class PolicyConfigurationException extends RuntimeException {

    public PolicyConfigurationException(String message) {
        super(message);
    }

    public PolicyConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
