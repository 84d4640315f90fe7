package io.glance.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to reach glance-api, as the OpenStack clients are told: an image URL, or Keystone v3 credentials to log in with
 * and find the image endpoint in the catalog; a token instead of a password; the CA that signs the servers'
 * certificates. {@link #fromEnvironment(Map)} reads the usual {@code OS_*} variables. Immutable; {@link #toString()}
 * never shows the password or the token.
 *
 * <p>Which way is used follows glanceclient and keystoneauth: a token and an image URL are sent as they are, without
 * Keystone; else a user name or id with a password logs in (and logs in again when the token is rejected); else a
 * token with an auth URL is checked with Keystone for its catalog; else an image URL alone is used without a token.
 */
public final class ConnectionSettings {
    /** keystoneauth's and openstackclient's default when no user or project domain is named. */
    static final String DEFAULT_DOMAIN_ID = "default";

    private final Optional<URI> authUrl;
    private final Optional<String> username;
    private final Optional<String> userId;
    private final Optional<String> password;
    private final Optional<String> userDomainName;
    private final Optional<String> userDomainId;
    private final Optional<String> projectName;
    private final Optional<String> projectId;
    private final Optional<String> projectDomainName;
    private final Optional<String> projectDomainId;
    private final Optional<String> token;
    private final Optional<URI> imageUrl;
    private final Optional<String> regionName;
    private final String interfaceName;
    private final String serviceType;
    private final Optional<Path> caFile;
    private final boolean insecure;
    private final Duration connectTimeout;

    private ConnectionSettings(Builder builder) {
        this.authUrl = builder.authUrl;
        this.username = builder.username;
        this.userId = builder.userId;
        this.password = builder.password;
        this.userDomainName = builder.userDomainName;
        this.userDomainId = builder.userDomainId;
        this.projectName = builder.projectName;
        this.projectId = builder.projectId;
        this.projectDomainName = builder.projectDomainName;
        this.projectDomainId = builder.projectDomainId;
        this.token = builder.token;
        this.imageUrl = builder.imageUrl;
        this.regionName = builder.regionName;
        this.interfaceName = builder.interfaceName;
        this.serviceType = builder.serviceType;
        this.caFile = builder.caFile;
        this.insecure = builder.insecure;
        this.connectTimeout = builder.connectTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings the {@code OS_*} variables give, as glanceclient and openstackclient read them: {@code OS_AUTH_URL},
     * {@code OS_USERNAME}, {@code OS_USER_ID}, {@code OS_PASSWORD}, {@code OS_PROJECT_NAME} ({@code OS_TENANT_NAME}),
     * {@code OS_PROJECT_ID} ({@code OS_TENANT_ID}), {@code OS_USER_DOMAIN_NAME}, {@code OS_USER_DOMAIN_ID},
     * {@code OS_PROJECT_DOMAIN_NAME}, {@code OS_PROJECT_DOMAIN_ID}, {@code OS_AUTH_TOKEN} ({@code OS_TOKEN}),
     * {@code OS_IMAGE_URL}, {@code OS_REGION_NAME}, {@code OS_INTERFACE} ({@code OS_ENDPOINT_TYPE}),
     * {@code OS_SERVICE_TYPE}, {@code OS_CACERT} and {@code OS_INSECURE}. Empty values count as unset.
     */
    public static ConnectionSettings fromEnvironment(Map<String, String> environment) {
        requireNonNull(environment, "environment is null");
        Builder builder = builder();
        env(environment, "OS_AUTH_URL").map(URI::create).ifPresent(builder::authUrl);
        env(environment, "OS_USERNAME").ifPresent(builder::username);
        env(environment, "OS_USER_ID").ifPresent(builder::userId);
        env(environment, "OS_PASSWORD").ifPresent(builder::password);
        env(environment, "OS_PROJECT_NAME", "OS_TENANT_NAME").ifPresent(builder::projectName);
        env(environment, "OS_PROJECT_ID", "OS_TENANT_ID").ifPresent(builder::projectId);
        env(environment, "OS_USER_DOMAIN_NAME").ifPresent(builder::userDomainName);
        env(environment, "OS_USER_DOMAIN_ID").ifPresent(builder::userDomainId);
        env(environment, "OS_PROJECT_DOMAIN_NAME").ifPresent(builder::projectDomainName);
        env(environment, "OS_PROJECT_DOMAIN_ID").ifPresent(builder::projectDomainId);
        env(environment, "OS_AUTH_TOKEN", "OS_TOKEN").ifPresent(builder::token);
        env(environment, "OS_IMAGE_URL").map(URI::create).ifPresent(builder::imageUrl);
        env(environment, "OS_REGION_NAME").ifPresent(builder::regionName);
        env(environment, "OS_INTERFACE", "OS_ENDPOINT_TYPE").ifPresent(builder::interfaceName);
        env(environment, "OS_SERVICE_TYPE").ifPresent(builder::serviceType);
        env(environment, "OS_CACERT").map(Path::of).ifPresent(builder::caFile);
        env(environment, "OS_INSECURE").map(ConnectionSettings::isTrue).ifPresent(builder::insecure);
        return builder.build();
    }

    private static Optional<String> env(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    private static boolean isTrue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    /** How a client built from these settings gets its token and endpoint. */
    enum Mode {
        /** An image URL, no token: glance-api's no-auth pipeline. */
        NO_AUTH,
        /** A token and an image URL, sent as they are; Keystone is not asked. */
        FIXED_TOKEN,
        /** A Keystone login with a password; repeated when glance-api rejects the token. */
        PASSWORD,
        /** A token checked (or rescoped) with Keystone for its catalog; it cannot be renewed. */
        TOKEN
    }

    /** The way these settings connect; fails naming what is missing when they name no way at all. */
    Mode mode() {
        boolean user = username.isPresent() || userId.isPresent();
        if (token.isPresent() && imageUrl.isPresent()) {
            return Mode.FIXED_TOKEN;
        }
        if (authUrl.isPresent() && user) {
            if (password.isEmpty()) {
                throw new IllegalArgumentException("No password for user '" + username.or(() -> userId).get()
                        + "': set OS_PASSWORD (--os-password), or give a token (OS_AUTH_TOKEN, --os-auth-token)");
            }
            return Mode.PASSWORD;
        }
        if (authUrl.isPresent() && token.isPresent()) {
            return Mode.TOKEN;
        }
        if (authUrl.isPresent()) {
            throw new IllegalArgumentException("OS_AUTH_URL " + authUrl.get() + " is set but no credentials: set "
                    + "OS_USERNAME and OS_PASSWORD (--os-username, --os-password) or OS_AUTH_TOKEN (--os-auth-token)");
        }
        if (imageUrl.isPresent()) {
            return Mode.NO_AUTH;
        }
        if (user || password.isPresent()) {
            throw new IllegalArgumentException("A user and password need OS_AUTH_URL (--os-auth-url), the "
                    + "Keystone to log in with");
        }
        throw new IllegalArgumentException("No image endpoint: set OS_IMAGE_URL (--os-image-url), or OS_AUTH_URL "
                + "with OS_USERNAME and OS_PASSWORD (or OS_AUTH_TOKEN) to find it in Keystone's catalog");
    }

    public Optional<URI> authUrl() {
        return authUrl;
    }

    public Optional<String> username() {
        return username;
    }

    public Optional<String> userId() {
        return userId;
    }

    public Optional<String> password() {
        return password;
    }

    public Optional<String> userDomainName() {
        return userDomainName;
    }

    public Optional<String> userDomainId() {
        return userDomainId;
    }

    public Optional<String> projectName() {
        return projectName;
    }

    public Optional<String> projectId() {
        return projectId;
    }

    public Optional<String> projectDomainName() {
        return projectDomainName;
    }

    public Optional<String> projectDomainId() {
        return projectDomainId;
    }

    public Optional<String> token() {
        return token;
    }

    public Optional<URI> imageUrl() {
        return imageUrl;
    }

    public Optional<String> regionName() {
        return regionName;
    }

    /** {@code public} (the default), {@code internal} or {@code admin}; glanceclient's {@code publicURL} style too. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The catalog type of the image service: {@code image}. */
    public String serviceType() {
        return serviceType;
    }

    /** PEM file of the CAs trusted for https (replacing the JDK's), as {@code --os-cacert}. */
    public Optional<Path> caFile() {
        return caFile;
    }

    /** Accept any server certificate and host name, as {@code --insecure}. */
    public boolean insecure() {
        return insecure;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        authUrl.ifPresent(value -> parts.add("auth_url=" + value));
        username.ifPresent(value -> parts.add("username=" + value));
        userId.ifPresent(value -> parts.add("user_id=" + value));
        password.ifPresent(value -> parts.add("password=***"));
        userDomainName.ifPresent(value -> parts.add("user_domain_name=" + value));
        userDomainId.ifPresent(value -> parts.add("user_domain_id=" + value));
        projectName.ifPresent(value -> parts.add("project_name=" + value));
        projectId.ifPresent(value -> parts.add("project_id=" + value));
        projectDomainName.ifPresent(value -> parts.add("project_domain_name=" + value));
        projectDomainId.ifPresent(value -> parts.add("project_domain_id=" + value));
        token.ifPresent(value -> parts.add("token=***"));
        imageUrl.ifPresent(value -> parts.add("image_url=" + value));
        regionName.ifPresent(value -> parts.add("region_name=" + value));
        parts.add("interface=" + interfaceName);
        caFile.ifPresent(value -> parts.add("cacert=" + value));
        if (insecure) {
            parts.add("insecure");
        }
        return "ConnectionSettings" + parts;
    }

    /** Collects settings; every setter ignores null and blank values, so optional flags can be passed straight on. */
    public static final class Builder {
        private Optional<URI> authUrl = Optional.empty();
        private Optional<String> username = Optional.empty();
        private Optional<String> userId = Optional.empty();
        private Optional<String> password = Optional.empty();
        private Optional<String> userDomainName = Optional.empty();
        private Optional<String> userDomainId = Optional.empty();
        private Optional<String> projectName = Optional.empty();
        private Optional<String> projectId = Optional.empty();
        private Optional<String> projectDomainName = Optional.empty();
        private Optional<String> projectDomainId = Optional.empty();
        private Optional<String> token = Optional.empty();
        private Optional<URI> imageUrl = Optional.empty();
        private Optional<String> regionName = Optional.empty();
        private String interfaceName = "public";
        private String serviceType = "image";
        private Optional<Path> caFile = Optional.empty();
        private boolean insecure;
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        private static Optional<String> text(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        /** Keystone's URL, versioned ({@code http://keystone:5000/v3}) or not ({@code http://keystone:5000}). */
        public Builder authUrl(URI value) {
            authUrl = Optional.ofNullable(value);
            return this;
        }

        public Builder username(String value) {
            username = text(value);
            return this;
        }

        public Builder userId(String value) {
            userId = text(value);
            return this;
        }

        public Builder password(String value) {
            password = value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
            return this;
        }

        public Builder userDomainName(String value) {
            userDomainName = text(value);
            return this;
        }

        public Builder userDomainId(String value) {
            userDomainId = text(value);
            return this;
        }

        public Builder projectName(String value) {
            projectName = text(value);
            return this;
        }

        public Builder projectId(String value) {
            projectId = text(value);
            return this;
        }

        public Builder projectDomainName(String value) {
            projectDomainName = text(value);
            return this;
        }

        public Builder projectDomainId(String value) {
            projectDomainId = text(value);
            return this;
        }

        public Builder token(String value) {
            token = text(value);
            return this;
        }

        public Builder imageUrl(URI value) {
            imageUrl = Optional.ofNullable(value);
            return this;
        }

        public Builder regionName(String value) {
            regionName = text(value);
            return this;
        }

        public Builder interfaceName(String value) {
            text(value).ifPresent(name -> interfaceName = name);
            return this;
        }

        public Builder serviceType(String value) {
            text(value).ifPresent(name -> serviceType = name);
            return this;
        }

        public Builder caFile(Path value) {
            caFile = Optional.ofNullable(value);
            return this;
        }

        public Builder insecure(boolean value) {
            insecure = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = requireNonNull(value, "connectTimeout is null");
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}
