package io.glance.server.config;

import io.glance.adapters.keystone.KeystoneSettings;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.util.List;
import java.util.Set;

/**
 * Glance's {@code auth_strategy}: {@code noauth} (every caller is admin, the default) or {@code keystone} (callers'
 * tokens validated with Keystone, as its {@code keystone_authtoken} section says).
 *
 * @param keystone the {@code keystone_authtoken} settings with {@code auth_strategy: keystone}, {@code null} with
 *                 {@code noauth}
 */
public record AuthSettings(KeystoneSettings keystone) {
    public static final Option<String> AUTH_STRATEGY = Option.choice("auth_strategy", "noauth",
            Set.of("noauth", "keystone"),
            "`noauth` (every caller is admin) or `keystone` (tokens validated with Keystone, section"
                    + " `keystone_authtoken`)");
    /** The options these settings are read from; the section is {@link KeystoneSettings#SECTION}. */
    public static final List<Option<?>> OPTIONS = List.of(AUTH_STRATEGY);

    public static AuthSettings from(OptionValues values) {
        return new AuthSettings(values.get(AUTH_STRATEGY).equals("keystone")
                ? KeystoneSettings.from(values.section(KeystoneSettings.SECTION)) : null);
    }

    /** Whether callers authenticate with Keystone. */
    public boolean keystoneAuth() {
        return keystone != null;
    }
}
