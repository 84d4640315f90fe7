package io.glance.cli;

import io.glance.client.ConnectionSettings;
import io.glance.client.GlanceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code glance}: the global options, shared by every command (they may come before or after the command name). The
 * commands under it are in {@link CommandTree}.
 */
@Command(name = "glance", mixinStandardHelpOptions = true, version = "glance (Java) 0.1.0, Images API v2",
        description = "Manage images in a Glance image service.",
        footer = {"", "Exit status: 0 ok, 1 usage error, 2 not found, 3 conflict (wrong state or exists),",
                "  4 forbidden or unauthorized, 5 cannot connect, 6 checksum mismatch, 7 other server error."},
        addMethodSubcommands = false) // CommandTree adds the commands a run needs
final class GlanceCommand extends MetadefCommands implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, scope = ScopeType.INHERIT,
            description = "Address of the Glance API host (default: 0.0.0.0 unless Keystone's catalog is used).")
    String host;

    @Option(names = {"-p", "--port"}, scope = ScopeType.INHERIT,
            description = "Port the Glance API host listens on (default: 9292).")
    Integer port;

    @Option(names = {"-U", "--url", "--os-image-url", "--os_image_url"}, scope = ScopeType.INHERIT,
            description = "Endpoint URL, e.g. https://glance.example.com:9292; overrides --host, --port and the "
                    + "catalog. Defaults to env[OS_IMAGE_URL].")
    URI url;

    @Option(names = {"-A", "--auth-token", "--auth_token", "--os-auth-token", "--os_auth_token"},
            scope = ScopeType.INHERIT, description = "Token sent as X-Auth-Token. Defaults to env[OS_AUTH_TOKEN].")
    String authToken;

    // glanceclient's identity and TLS options, by their glanceclient names; each maps onto its OS_* variable.

    @Option(names = "--os-auth-url", scope = ScopeType.INHERIT, description = "Keystone URL (OS_AUTH_URL).")
    String osAuthUrl;

    @Option(names = "--os-username", scope = ScopeType.INHERIT, description = "User name (OS_USERNAME).")
    String osUsername;

    @Option(names = "--os-user-id", scope = ScopeType.INHERIT, description = "User id (OS_USER_ID).")
    String osUserId;

    @Option(names = "--os-password", scope = ScopeType.INHERIT, description = "Password (OS_PASSWORD).")
    String osPassword;

    @Option(names = {"--os-project-name", "--os-tenant-name"}, scope = ScopeType.INHERIT,
            description = "Project name (OS_PROJECT_NAME).")
    String osProjectName;

    @Option(names = {"--os-project-id", "--os-tenant-id"}, scope = ScopeType.INHERIT,
            description = "Project id (OS_PROJECT_ID).")
    String osProjectId;

    @Option(names = "--os-user-domain-name", scope = ScopeType.INHERIT,
            description = "The user's domain name (OS_USER_DOMAIN_NAME).")
    String osUserDomainName;

    @Option(names = "--os-user-domain-id", scope = ScopeType.INHERIT,
            description = "The user's domain id (OS_USER_DOMAIN_ID; default: default).")
    String osUserDomainId;

    @Option(names = "--os-project-domain-name", scope = ScopeType.INHERIT,
            description = "The project's domain name (OS_PROJECT_DOMAIN_NAME).")
    String osProjectDomainName;

    @Option(names = "--os-project-domain-id", scope = ScopeType.INHERIT,
            description = "The project's domain id (OS_PROJECT_DOMAIN_ID; default: default).")
    String osProjectDomainId;

    @Option(names = {"--os-region-name", "--os_region_name"}, scope = ScopeType.INHERIT,
            description = "Region of the image endpoint in the catalog (OS_REGION_NAME).")
    String osRegionName;

    @Option(names = {"--os-interface", "--os-endpoint-type", "--os_endpoint_type"}, scope = ScopeType.INHERIT,
            description = "Catalog interface: public (default), internal or admin (OS_INTERFACE).")
    String osInterfaceName;

    @Option(names = {"--os-service-type", "--os_service_type"}, scope = ScopeType.INHERIT,
            description = "Catalog type of the image service (OS_SERVICE_TYPE; default: image).")
    String osServiceType;

    @Option(names = "--os-cacert", scope = ScopeType.INHERIT,
            description = "PEM file of the CAs to trust for https, Keystone's and Glance's (OS_CACERT).")
    String osCaCert;

    @Option(names = {"-k", "--insecure"}, scope = ScopeType.INHERIT,
            description = "Do not verify the servers' certificates (OS_INSECURE).")
    boolean osInsecure;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more verbose output.")
    boolean verbose;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
            description = "Don't change anything; print what would be done.")
    boolean dryRun;

    @Option(names = {"-f", "--force"}, scope = ScopeType.INHERIT,
            description = "Don't ask for confirmation (delete, clear).")
    boolean force;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print images as JSON.")
    boolean json;

    @Option(names = "--progress", scope = ScopeType.INHERIT,
            description = "Show a progress bar on upload and download even when stderr is no terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    private final Io io;
    private GlanceClient client;

    GlanceCommand(Io io) {
        this.io = requireNonNull(io, "io is null");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.out());
        return ExitCodes.OK;
    }

    @Override
    Io io() {
        return io;
    }

    @Override
    boolean jsonOutput() {
        return json;
    }

    /** The endpoint the client talks to, once it exists; before that the one the options name, if any. */
    URI endpoint() {
        if (client != null) {
            return client.endpoint();
        }
        return explicitEndpoint().orElse(URI.create("http://0.0.0.0:9292"));
    }

    /** The client the options and the environment describe; connected (and logged in) once per run. */
    @Override
    GlanceClient client() {
        if (client == null) {
            client = GlanceClient.connect(connectionSettings());
        }
        return client;
    }

    /**
     * Closes the client if this run made one, so that no thread of it is left in native code when the JVM exits
     * (see {@link GlanceClient#close()}): the run has printed all it had to print by then.
     */
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * The environment's {@code OS_*} variables with every flag given put over the variable of its name; then
     * glanceclient's rules pick the way in. Without an image URL, Keystone or token, it is the old default,
     * http://0.0.0.0:9292 without a token.
     */
    ConnectionSettings connectionSettings() {
        Map<String, String> variables = new HashMap<>(io.environment());
        explicitEndpoint().ifPresent(value -> variables.put("OS_IMAGE_URL", value.toString()));
        put(variables, "OS_AUTH_TOKEN", authToken);
        put(variables, "OS_AUTH_URL", osAuthUrl);
        put(variables, "OS_USERNAME", osUsername);
        put(variables, "OS_USER_ID", osUserId);
        put(variables, "OS_PASSWORD", osPassword);
        put(variables, "OS_PROJECT_NAME", osProjectName);
        put(variables, "OS_PROJECT_ID", osProjectId);
        put(variables, "OS_USER_DOMAIN_NAME", osUserDomainName);
        put(variables, "OS_USER_DOMAIN_ID", osUserDomainId);
        put(variables, "OS_PROJECT_DOMAIN_NAME", osProjectDomainName);
        put(variables, "OS_PROJECT_DOMAIN_ID", osProjectDomainId);
        put(variables, "OS_REGION_NAME", osRegionName);
        put(variables, "OS_INTERFACE", osInterfaceName);
        put(variables, "OS_SERVICE_TYPE", osServiceType);
        put(variables, "OS_CACERT", osCaCert);
        if (osInsecure) {
            variables.put("OS_INSECURE", "true");
        }
        if (isBlank(variables.get("OS_IMAGE_URL")) && isBlank(variables.get("OS_AUTH_URL"))) {
            variables.put("OS_IMAGE_URL", endpoint().toString());
        }
        return ConnectionSettings.fromEnvironment(variables);
    }

    private Optional<URI> explicitEndpoint() {
        if (url != null) {
            return Optional.of(url);
        }
        if (host != null || port != null) {
            return Optional.of(URI.create("http://" + (host == null ? "0.0.0.0" : host) + ":"
                    + (port == null ? 9292 : port)));
        }
        return Optional.empty();
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (!isBlank(value)) {
            variables.put(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A bar on stderr when it is a terminal or --progress asks for one; else nothing. */
    ProgressBar progressBar() {
        return progress || io.stderrIsTerminal() ? new ProgressBar(io.err(), System::nanoTime) : null;
    }

    /** Asks on stderr and reads the answer from stdin, unless --force or stdin is no terminal (scripts). */
    boolean confirm(String question) {
        if (force || !io.stdinIsTerminal()) {
            return true;
        }
        io.err().print(question + " [y/N] ");
        io.err().flush();
        try {
            StringBuilder answer = new StringBuilder();
            int c;
            while ((c = io.in().read()) >= 0 && c != '\n') {
                answer.append((char) c);
            }
            String text = answer.toString().strip().toLowerCase(java.util.Locale.ROOT);
            return text.equals("y") || text.equals("yes");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
