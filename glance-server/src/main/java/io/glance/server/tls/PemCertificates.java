package io.glance.server.tls;

import io.glance.config.ConfigurationException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The certificates of a PEM file (a CA bundle), or a configuration error naming the option and the file. */
final class PemCertificates {
    private PemCertificates() {
    }

    static List<X509Certificate> read(Path file, String option) {
        List<X509Certificate> certificates;
        try {
            certificates = io.glance.tls.PemCertificates.read(file);
        } catch (IOException | CertificateException e) {
            throw new ConfigurationException("cannot read " + option + " " + file + " (PEM certificates expected): "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(option + " " + file + " holds no certificate (PEM expected)");
        }
        return certificates;
    }
}
