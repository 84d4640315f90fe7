package io.glance.ports.out;

/**
 * Decides {@code is_admin} for a new request context: Glance evaluates its policy rule {@code context_is_admin}
 * (default {@code role:admin}) once, when it builds the context from a token. The authentication adapter calls this
 * with the token's roles and project; {@code credentials.admin()} is ignored.
 */
@FunctionalInterface
public interface ContextIsAdmin {

    boolean isAdmin(PolicyCredentials credentials);
}
