package io.glance.client;

import io.glance.tls.PemCertificates;
import io.glance.tls.TrustManagers;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The TLS trust of a client, as {@code --os-cacert} and {@code --insecure} set it for the Python clients: the CAs of
 * a PEM file replace the JDK's trust store; insecure accepts any certificate and host name. Neither: the JDK default.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext of(Optional<Path> caFile, boolean insecure) {
        try {
            if (insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, TrustManagers.trustingEverything(), null);
                return context;
            }
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(caFile.get()), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Trust managers that trust exactly the certificates of a PEM (or DER) file, with host name checks. */
    static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException {
        List<X509Certificate> certificates;
        try {
            certificates = PemCertificates.read(caFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + caFile + " (OS_CACERT, --os-cacert)", e);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("the CA file " + caFile + " (OS_CACERT, --os-cacert) holds no "
                    + "readable certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the CA file " + caFile + " (OS_CACERT, --os-cacert) holds no "
                    + "certificate");
        }
        return TrustManagers.trusting(certificates);
    }
}
