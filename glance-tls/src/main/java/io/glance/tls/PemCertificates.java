package io.glance.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The X.509 certificates of a PEM (or DER) file, e.g. a CA bundle. */
public final class PemCertificates {
    private PemCertificates() {
    }

    /**
     * @return every certificate of the file, in order; empty when it holds none
     * @throws IOException          when the file cannot be read
     * @throws CertificateException when its content is not a certificate
     */
    public static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        }
        return certificates;
    }
}
