package io.glance.server.tls;

import io.glance.config.ConfigurationException;
import io.glance.server.config.TlsSettings;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Helidon's TLS for a listener from Glance's {@code cert_file}, {@code key_file} and {@code ca_file}. Every file is
 * read at start, so a missing or unreadable one stops startup naming it instead of failing the first handshake.
 */
public final class ListenerTls {
    private ListenerTls() {
    }

    /** The listener's TLS, or empty for plain http. */
    public static Optional<Tls> of(TlsSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path certFile = readable(settings.certFile().orElseThrow(), "cert_file");
        Path keyFile = readable(settings.keyFile().orElseThrow(), "key_file");
        Keys pem;
        try {
            pem = Keys.builder().pem(keys -> keys.key(Resource.create(keyFile)).certChain(Resource.create(certFile)))
                    .build();
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot read the TLS key " + keyFile + " or certificate " + certFile
                    + " (PEM expected, key unencrypted): " + e.getMessage(), e);
        }
        PrivateKey key = pem.privateKey().orElseThrow(() -> new ConfigurationException("key_file " + keyFile
                + " holds no private key (PEM expected)"));
        List<X509Certificate> chain = pem.certChain();
        if (chain.isEmpty()) {
            throw new ConfigurationException("cert_file " + certFile + " holds no certificate (PEM expected)");
        }
        var tls = Tls.builder().privateKey(key).privateKeyCertChain(chain);
        settings.caFile().ifPresent(caFile -> tls.trust(PemCertificates.read(readable(caFile, "ca_file"), "ca_file"))
                .clientAuth(TlsClientAuth.REQUIRED));
        return Optional.of(tls.build());
    }

    static Path readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(option + " " + file + " does not exist or is not readable");
        }
        return file;
    }
}
