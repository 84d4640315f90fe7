package io.glance.server.tls;

import io.glance.config.ConfigurationException;
import io.glance.server.config.RegistryClientSettings;
import io.glance.tls.TrustManagers;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The JDK TLS context glance-api's registry client uses over https: trusting {@code registry_client_ca_file} (else
 * the JDK's CAs) with host name checks, presenting {@code registry_client_cert_file} when set; or, with
 * {@code registry_client_insecure}, trusting anything.
 */
public final class RegistryClientTls {
    private static final char[] NO_PASSWORD = new char[0];

    private RegistryClientTls() {
    }

    /** The context for an https registry, or {@code null} over plain http. */
    public static SSLContext of(RegistryClientSettings settings) {
        if (!settings.https()) {
            return null;
        }
        try {
            TrustManager[] trust = settings.insecure() ? TrustManagers.trustingEverything()
                    : settings.caFile().map(RegistryClientTls::trusting).orElse(null);
            KeyManager[] keys = settings.certFile().isPresent()
                    ? keyManagers(ListenerTls.readable(settings.certFile().get(), "registry_client_cert_file"),
                            ListenerTls.readable(settings.keyFile().orElseThrow(), "registry_client_key_file"))
                    : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot set up TLS for the registry client: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trusting(Path caFile) {
        List<X509Certificate> certificates = PemCertificates.read(ListenerTls.readable(caFile,
                "registry_client_ca_file"), "registry_client_ca_file");
        try {
            return TrustManagers.trusting(certificates);
        } catch (GeneralSecurityException | java.io.UncheckedIOException e) {
            throw new ConfigurationException("cannot use registry_client_ca_file " + caFile + ": " + e.getMessage(),
                    e);
        }
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException,
            IOException {
        Keys pem;
        try {
            pem = Keys.builder().pem(keys -> keys.key(Resource.create(keyFile)).certChain(Resource.create(certFile)))
                    .build();
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot read registry_client_key_file " + keyFile
                    + " or registry_client_cert_file " + certFile + " (PEM expected): " + e.getMessage(), e);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("client", pem.privateKey().orElseThrow(() -> new ConfigurationException(
                "registry_client_key_file " + keyFile + " holds no private key")), NO_PASSWORD,
                pem.certChain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }
}
