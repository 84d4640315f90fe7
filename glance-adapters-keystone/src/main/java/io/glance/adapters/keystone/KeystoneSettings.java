package io.glance.adapters.keystone;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Glance's {@code [keystone_authtoken]} section, with keystonemiddleware's option names: where Keystone is, the
 * service user glance validates tokens as, and how long validations are trusted.
 *
 * @param wwwAuthenticateUri the public Keystone URL a 401 points clients to ({@code WWW-Authenticate})
 * @param authUrl            the Keystone v3 API glance talks to, ending in {@code /v3}
 * @param username           the service user
 * @param password           its password
 * @param projectName        the project its token is scoped to
 * @param userDomainName     the user's domain, by name ({@code user_domain_id} wins when given)
 * @param userDomainId       the user's domain, by id, or {@code null}
 * @param projectDomainName  the project's domain, by name ({@code project_domain_id} wins when given)
 * @param projectDomainId    the project's domain, by id, or {@code null}
 * @param regionName         the region glance's own endpoints are in, or {@code null}
 * @param tokenCacheTime     how long a validated (or refused) token is remembered
 * @param httpConnectTimeout how long a call to Keystone may take to connect, and to answer
 */
public record KeystoneSettings(URI wwwAuthenticateUri, URI authUrl, String username, String password,
                               String projectName, String userDomainName, String userDomainId,
                               String projectDomainName, String projectDomainId, String regionName,
                               Duration tokenCacheTime, Duration httpConnectTimeout) {
    public static final Option<URI> WWW_AUTHENTICATE_URI = Option.of("www_authenticate_uri", null, "`auth_url`",
            "the public Keystone URL a 401 names in `WWW-Authenticate`", KeystoneSettings::url);
    public static final Option<URI> AUTH_URL = Option.of("auth_url", null, "none",
            "the Keystone glance validates tokens with (`/v3` added when missing)",
            text -> v3(url(text)));
    public static final Option<String> AUTH_TYPE = Option.choice("auth_type", "password", Set.of("password"),
            "how glance's service user logs in (keystoneauth's plugin; only `password`)");
    public static final Option<String> USERNAME = Option.text("username", null, "none",
            "glance's service user (needs the `service` or `admin` role to validate tokens)");
    public static final Option<String> PASSWORD = Option.text("password", null, "none",
            "its password");
    public static final Option<String> PROJECT_NAME = Option.text("project_name", null, "none",
            "the project its token is scoped to");
    public static final Option<String> USER_DOMAIN_NAME = Option.text("user_domain_name", null, "none",
            "the service user's domain by name");
    public static final Option<String> USER_DOMAIN_ID = Option.text("user_domain_id", null, "`default` without a name",
            "the service user's domain by id (wins over the name)");
    public static final Option<String> PROJECT_DOMAIN_NAME = Option.text("project_domain_name", null, "none",
            "the service project's domain by name");
    public static final Option<String> PROJECT_DOMAIN_ID = Option.text("project_domain_id", null,
            "`default` without a name", "the service project's domain by id (wins over the name)");
    public static final Option<String> REGION_NAME = Option.text("region_name", null, "none",
            "the region of glance's own endpoints");
    public static final Option<Duration> TOKEN_CACHE_TIME = Option.seconds("token_cache_time",
            Duration.ofSeconds(300), Duration.ZERO,
            "seconds a validated or refused token is remembered (a revoked token works at most this long)");
    public static final Option<Duration> HTTP_CONNECT_TIMEOUT = Option.seconds("http_connect_timeout",
            Duration.ofSeconds(10), Duration.ofMillis(100),
            "seconds a call to Keystone may take to connect and to answer; then 503");

    /** The section, {@code keystone_authtoken:} in YAML, {@code --keystone_authtoken.auth_url} as a flag. */
    public static final OptionSection SECTION = new OptionSection("keystone_authtoken",
            "keystonemiddleware's options: how glance-api validates tokens with Keystone (auth_strategy: keystone)",
            List.of(WWW_AUTHENTICATE_URI, AUTH_URL, AUTH_TYPE, USERNAME, PASSWORD, PROJECT_NAME, USER_DOMAIN_NAME,
                    USER_DOMAIN_ID, PROJECT_DOMAIN_NAME, PROJECT_DOMAIN_ID, REGION_NAME, TOKEN_CACHE_TIME,
                    HTTP_CONNECT_TIMEOUT));

    /** Keystone's default domain, used when neither the domain's id nor its name is given. */
    static final String DEFAULT_DOMAIN_ID = "default";

    public KeystoneSettings {
        if (authUrl == null) {
            throw required(AUTH_URL);
        }
        if (username == null || username.isBlank()) {
            throw required(USERNAME);
        }
        if (password == null || password.isEmpty()) {
            throw required(PASSWORD);
        }
        if (projectName == null || projectName.isBlank()) {
            throw required(PROJECT_NAME);
        }
        if (tokenCacheTime == null || tokenCacheTime.isNegative()) {
            throw new IllegalArgumentException("token_cache_time must be 0 or more seconds: " + tokenCacheTime);
        }
        if (httpConnectTimeout == null || httpConnectTimeout.isNegative() || httpConnectTimeout.isZero()) {
            throw new IllegalArgumentException("http_connect_timeout must be more than 0: " + httpConnectTimeout);
        }
        if (wwwAuthenticateUri == null) {
            wwwAuthenticateUri = authUrl;
        }
    }

    /**
     * The settings of the {@link #SECTION} ({@code values.section(SECTION)}).
     *
     * @throws ConfigurationException naming a required option that is missing
     */
    public static KeystoneSettings from(OptionValues section) {
        section.get(AUTH_TYPE); // only password: anything else is refused, naming it
        return new KeystoneSettings(section.get(WWW_AUTHENTICATE_URI), section.get(AUTH_URL), section.get(USERNAME),
                section.get(PASSWORD), section.get(PROJECT_NAME), section.get(USER_DOMAIN_NAME),
                section.get(USER_DOMAIN_ID), section.get(PROJECT_DOMAIN_NAME), section.get(PROJECT_DOMAIN_ID),
                section.get(REGION_NAME), section.get(TOKEN_CACHE_TIME), section.get(HTTP_CONNECT_TIMEOUT));
    }

    /** The user's domain as Keystone's password method wants it: by id when known, else by name. */
    Map<String, String> userDomain() {
        return domain(userDomainId, userDomainName);
    }

    Map<String, String> projectDomain() {
        return domain(projectDomainId, projectDomainName);
    }

    @Override
    public String toString() {
        // Never the password: settings end up in log lines.
        return "KeystoneSettings[authUrl=" + authUrl + ", username=" + username + ", projectName=" + projectName
                + ", tokenCacheTime=" + tokenCacheTime + ", httpConnectTimeout=" + httpConnectTimeout + "]";
    }

    static Map<String, String> domain(String id, String name) {
        if (id != null && !id.isBlank()) {
            return Map.of("id", id.strip());
        }
        if (name != null && !name.isBlank()) {
            return Map.of("name", name.strip());
        }
        return Map.of("id", DEFAULT_DOMAIN_ID);
    }

    private static ConfigurationException required(Option<?> option) {
        return new ConfigurationException(SECTION.name() + "." + option.name()
                + " is required with auth_strategy keystone");
    }

    /** An absolute http(s) URL. */
    static URI url(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("an http(s) URL");
        }
    }

    /** {@code http://host:5000} and {@code http://host:5000/v3/} both mean the v3 API at {@code .../v3}. */
    static URI v3(URI authUrl) {
        String text = authUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text.endsWith("/v3") ? text : text + "/v3");
    }
}
