package io.glance.client.testing;

import io.glance.testing.TestCertificates;

import java.net.URI;
import java.nio.file.Path;

/**
 * A glance-api serving https with a server certificate from a CA made for this run (and a second, unrelated CA that
 * must not be trusted), for the client's and the command line's TLS tests.
 */
public final class TlsGlanceApi implements AutoCloseable {
    private final TestCertificates pki;
    private final GlanceApiProcess server;

    private TlsGlanceApi(TestCertificates pki, GlanceApiProcess server) {
        this.pki = pki;
        this.server = server;
    }

    /** Certificates under {@code work/pki}, the server's data under {@code work/api}. */
    public static TlsGlanceApi start(Path work) throws Exception {
        TestCertificates pki = TestCertificates.create(work.resolve("pki"));
        return new TlsGlanceApi(pki, GlanceApiProcess.start(work.resolve("api"), "--cert_file",
                pki.serverCert().toString(), "--key_file", pki.serverKey().toString()));
    }

    /** The CA that signed the server's certificate, and the other one ({@code otherCa()}). */
    public TestCertificates pki() {
        return pki;
    }

    public URI endpoint() {
        return server.httpsEndpoint();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
