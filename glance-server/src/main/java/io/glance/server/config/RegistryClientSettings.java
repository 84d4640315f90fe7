package io.glance.server.config;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How glance-api reaches glance-registry with {@code data_api: registry}, with the names Glance's registry client
 * had: plain http or https, the CA that signed the registry's certificate (else the JDK's trust store), a client
 * certificate for a registry with {@code ca_file}, and, for tests only, no verification at all.
 */
public record RegistryClientSettings(boolean https, Optional<Path> caFile, Optional<Path> certFile,
                                     Optional<Path> keyFile, boolean insecure) {
    public static final Option<String> PROTOCOL = Option.choice("registry_client_protocol", "http",
            Set.of("http", "https"), "how glance-api talks to glance-registry: `http` or `https`");
    public static final Option<Path> CA_FILE = Option.path("registry_client_ca_file", null, "the JDK's CAs",
            "PEM CAs glance-api trusts for glance-registry's certificate");
    public static final Option<Path> CERT_FILE = Option.path("registry_client_cert_file", null, "none",
            "PEM client certificate glance-api presents to glance-registry (for its `ca_file`)");
    public static final Option<Path> KEY_FILE = Option.path("registry_client_key_file", null, "none",
            "PEM private key of `registry_client_cert_file`");
    public static final Option<Boolean> INSECURE = Option.bool("registry_client_insecure", false,
            "accept any certificate and host name from glance-registry (testing only)");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(PROTOCOL, CA_FILE, CERT_FILE, KEY_FILE, INSECURE);

    public RegistryClientSettings {
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new ConfigurationException("A registry client certificate needs both registry_client_cert_file "
                    + "and registry_client_key_file");
        }
        if (!https && (caFile.isPresent() || certFile.isPresent() || insecure)) {
            throw new ConfigurationException("registry_client_ca_file, _cert_file, _key_file and _insecure need "
                    + "registry_client_protocol: https");
        }
    }

    public static RegistryClientSettings from(OptionValues values) {
        return new RegistryClientSettings(values.get(PROTOCOL).equals("https"),
                Optional.ofNullable(values.get(CA_FILE)), Optional.ofNullable(values.get(CERT_FILE)),
                Optional.ofNullable(values.get(KEY_FILE)), values.get(INSECURE));
    }

    /** The registry's URL for glance-api, with this protocol. */
    public URI registryUrl(ServerSettings server) {
        URI plain = server.registryUrl();
        return https ? URI.create("https" + plain.toString().substring("http".length())) : plain;
    }
}
