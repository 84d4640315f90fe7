package io.glance.adapters.keystone;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keystone's unified limits: {@code use_keystone_limits} and oslo.limit's {@code [oslo_limit]} section, with its
 * option names: the credentials glance asks Keystone's limits API with (a system-scoped reader, as oslo.limit
 * wants, or a project-scoped user), and glance's own endpoint, which names the service and region the limits
 * are registered for.
 *
 * @param authUrl           the Keystone v3 API, ending in {@code /v3}
 * @param username          the user that reads limits
 * @param password          its password
 * @param userDomainName    its domain by name ({@code user_domain_id} wins)
 * @param userDomainId      its domain by id, or {@code null}
 * @param projectName       the project its token is scoped to, or {@code null} with {@code system_scope}
 * @param projectDomainName the project's domain by name
 * @param projectDomainId   the project's domain by id, or {@code null}
 * @param systemScope       {@code all} for a system-scoped token (wins over the project), or {@code null}
 * @param endpointId        glance's endpoint in Keystone's catalog
 * @param timeout           how long a call to Keystone may take to connect, and to answer
 */
public record LimitSettings(URI authUrl, String username, String password, String userDomainName,
                            String userDomainId, String projectName, String projectDomainName,
                            String projectDomainId, String systemScope, String endpointId, Duration timeout) {
    public static final Option<Boolean> USE_KEYSTONE_LIMITS = Option.bool("use_keystone_limits", false,
            "enforce Keystone's unified limits (image_size_total, image_stage_total, image_count_total,"
                    + " image_count_uploading; section `oslo_limit`) instead of user_storage_quota; over a limit 413");
    /** The top-level options. */
    public static final List<Option<?>> OPTIONS = List.of(USE_KEYSTONE_LIMITS);

    public static final Option<URI> AUTH_URL = Option.of("auth_url", null, "none",
            "the Keystone glance reads limits from (`/v3` added when missing)",
            text -> KeystoneSettings.v3(KeystoneSettings.url(text)));
    public static final Option<String> AUTH_TYPE = Option.choice("auth_type", "password", Set.of("password"),
            "how glance logs in to read limits (keystoneauth's plugin; only `password`)");
    public static final Option<String> USERNAME = Option.text("username", null, "none",
            "the user glance reads limits as (a system reader with `system_scope: all`)");
    public static final Option<String> PASSWORD = Option.text("password", null, "none", "its password");
    public static final Option<String> USER_DOMAIN_NAME = Option.text("user_domain_name", null, "none",
            "that user's domain by name");
    public static final Option<String> USER_DOMAIN_ID = Option.text("user_domain_id", null,
            "`default` without a name", "that user's domain by id (wins over the name)");
    public static final Option<String> PROJECT_NAME = Option.text("project_name", null, "none",
            "the project its token is scoped to, without `system_scope`");
    public static final Option<String> PROJECT_DOMAIN_NAME = Option.text("project_domain_name", null, "none",
            "that project's domain by name");
    public static final Option<String> PROJECT_DOMAIN_ID = Option.text("project_domain_id", null,
            "`default` without a name", "that project's domain by id (wins over the name)");
    public static final Option<String> SYSTEM_SCOPE = Option.of("system_scope", null, "none",
            "`all`: a system-scoped token, which Keystone's limits API needs to answer about other projects",
            text -> {
                if (!text.strip().equals("all")) {
                    throw new IllegalArgumentException("all (the only system scope Keystone has)");
                }
                return "all";
            });
    public static final Option<String> ENDPOINT_ID = Option.text("endpoint_id", null, "none",
            "glance's endpoint in Keystone's catalog: its service and region are what the limits are registered for");
    public static final Option<Duration> TIMEOUT = Option.seconds("timeout", Duration.ofSeconds(10),
            Duration.ofMillis(100), "seconds a call to Keystone's limits API may take to connect and to answer;"
                    + " then 503");

    /** oslo.limit's section, {@code oslo_limit:} in YAML, {@code --oslo_limit.endpoint_id} as a flag. */
    public static final OptionSection SECTION = new OptionSection("oslo_limit",
            "oslo.limit's options: how glance reads Keystone's unified limits (use_keystone_limits: true)",
            List.of(AUTH_URL, AUTH_TYPE, USERNAME, PASSWORD, USER_DOMAIN_NAME, USER_DOMAIN_ID, PROJECT_NAME,
                    PROJECT_DOMAIN_NAME, PROJECT_DOMAIN_ID, SYSTEM_SCOPE, ENDPOINT_ID, TIMEOUT));

    public LimitSettings {
        if (authUrl == null) {
            throw required(AUTH_URL);
        }
        if (username == null || username.isBlank()) {
            throw required(USERNAME);
        }
        if (password == null || password.isEmpty()) {
            throw required(PASSWORD);
        }
        if (endpointId == null || endpointId.isBlank()) {
            throw required(ENDPOINT_ID);
        }
        if (systemScope == null && (projectName == null || projectName.isBlank())) {
            throw new ConfigurationException(SECTION.name() + "." + SYSTEM_SCOPE.name() + " or " + SECTION.name()
                    + "." + PROJECT_NAME.name() + " is required with use_keystone_limits");
        }
    }

    /**
     * The settings when {@code use_keystone_limits} is on, else {@code null}.
     *
     * @param values the top-level values, with the {@link #SECTION} inside
     * @throws ConfigurationException naming a required option that is missing
     */
    public static LimitSettings from(OptionValues values) {
        if (!values.get(USE_KEYSTONE_LIMITS)) {
            return null;
        }
        OptionValues section = values.section(SECTION);
        section.get(AUTH_TYPE);
        return new LimitSettings(section.get(AUTH_URL), section.get(USERNAME), section.get(PASSWORD),
                section.get(USER_DOMAIN_NAME), section.get(USER_DOMAIN_ID), section.get(PROJECT_NAME),
                section.get(PROJECT_DOMAIN_NAME), section.get(PROJECT_DOMAIN_ID), section.get(SYSTEM_SCOPE),
                section.get(ENDPOINT_ID), section.get(TIMEOUT));
    }

    Map<String, String> userDomain() {
        return KeystoneSettings.domain(userDomainId, userDomainName);
    }

    Map<String, String> projectDomain() {
        return KeystoneSettings.domain(projectDomainId, projectDomainName);
    }

    @Override
    public String toString() {
        // Never the password: settings end up in log lines.
        return "LimitSettings[authUrl=" + authUrl + ", username=" + username + ", scope="
                + (systemScope != null ? "system " + systemScope : "project " + projectName) + ", endpointId="
                + endpointId + "]";
    }

    private static ConfigurationException required(Option<?> option) {
        return new ConfigurationException(SECTION.name() + "." + option.name()
                + " is required with use_keystone_limits");
    }
}
