package io.glance.cli;

import io.glance.client.testing.TlsGlanceApi;
import io.glance.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code glance} against a glance-api serving https: OS_CACERT / --os-cacert, a wrong CA, --insecure. */
class GlanceCliTlsTest {
    @TempDir
    static Path work;
    private static TlsGlanceApi server;
    private static TestCertificates pki;

    @BeforeAll
    static void start() throws Exception {
        server = TlsGlanceApi.start(work);
        pki = server.pki();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void osCacertInTheEnvironmentIsTrusted() {
        CliRun added = CliRun.withEnvironment(Map.of("OS_IMAGE_URL", server.endpoint().toString(),
                "OS_CACERT", pki.ca().toString()), "add", "name=tls-cli", "is_public=true");
        assertThat(added.status()).as(added.err()).isZero();

        CliRun index = CliRun.withEnvironment(Map.of(), "--os-image-url", server.endpoint().toString(),
                "--os-cacert", pki.ca().toString(), "index");
        assertThat(index.status()).as(index.err()).isZero();
        assertThat(index.out()).contains("tls-cli");
    }

    @Test
    void aWrongCaIsExitStatus5SayingItIsTls() {
        CliRun index = CliRun.withEnvironment(Map.of("OS_IMAGE_URL", server.endpoint().toString(),
                "OS_CACERT", pki.otherCa().toString()), "index");

        assertThat(index.status()).isEqualTo(5);
        assertThat(index.err()).contains("TLS failed").contains("OS_CACERT")
                .doesNotContain("Is the server running?");
    }

    @Test
    void insecureSkipsTheCheck() {
        CliRun index = CliRun.withEnvironment(Map.of(), "--url", server.endpoint().toString(), "--insecure",
                "index");
        assertThat(index.status()).as(index.err()).isZero();
    }
}
