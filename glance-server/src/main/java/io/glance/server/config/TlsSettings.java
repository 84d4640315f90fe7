package io.glance.server.config;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS on the listener of glance-api or glance-registry, with Glance's option names: a certificate chain and its
 * private key (PEM) turn https on; a CA file also requires every client to present a certificate that CA signed.
 *
 * @param certFile the server's certificate chain, PEM
 * @param keyFile  its private key, PEM (PKCS#8 or PKCS#1), unencrypted
 * @param caFile   the CAs whose client certificates are accepted; clients without one are refused
 */
public record TlsSettings(Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> caFile) {
    public static final Option<Path> CERT_FILE = Option.path("cert_file", null, "none",
            "PEM certificate chain of the listener; with `key_file` it serves https");
    public static final Option<Path> KEY_FILE = Option.path("key_file", null, "none",
            "PEM private key of `cert_file` (unencrypted)");
    public static final Option<Path> CA_FILE = Option.path("ca_file", null, "none",
            "PEM CAs whose client certificates the listener requires (needs `cert_file`)");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(CERT_FILE, KEY_FILE, CA_FILE);

    public TlsSettings {
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new ConfigurationException("TLS needs both cert_file and key_file; only "
                    + (certFile.isPresent() ? "cert_file " + certFile.get() : "key_file " + keyFile.get())
                    + " is set");
        }
        if (caFile.isPresent() && certFile.isEmpty()) {
            throw new ConfigurationException("ca_file " + caFile.get() + " requires client certificates over TLS, "
                    + "which needs cert_file and key_file too");
        }
    }

    public static TlsSettings from(OptionValues values) {
        return new TlsSettings(Optional.ofNullable(values.get(CERT_FILE)), Optional.ofNullable(values.get(KEY_FILE)),
                Optional.ofNullable(values.get(CA_FILE)));
    }

    /** Whether the listener serves https. */
    public boolean enabled() {
        return certFile.isPresent();
    }

    /** {@code https} or {@code http}, for the startup line. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }
}
