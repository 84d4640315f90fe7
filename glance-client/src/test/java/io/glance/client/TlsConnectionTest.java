package io.glance.client;

import io.glance.client.testing.TlsGlanceApi;
import io.glance.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both clients against a glance-api serving https with a certificate from a CA made for this run: OS_CACERT makes
 * it trusted, another CA or the JDK's own trust store does not, OS_INSECURE accepts anything.
 */
class TlsConnectionTest {
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

    private static ConnectionSettings settings(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("OS_IMAGE_URL", server.endpoint().toString(),
                "OS_AUTH_TOKEN", "tls-token"));
        env.putAll(extra);
        return ConnectionSettings.fromEnvironment(env);
    }

    @Test
    void withOsCacertDataGoesBothWaysOverHttps() throws Exception {
        GlanceClient client = GlanceClient.connect(settings(Map.of("OS_CACERT", pki.ca().toString())));
        byte[] data = new byte[2 * 1024 * 1024 + 3];
        new Random(11).nextBytes(data);
        Path file = work.resolve("tls.img");
        Files.write(file, data);

        Image image = client.create(NewImage.named("over-https").diskFormat("raw").containerFormat("bare"));
        client.upload(image.id(), file, ProgressListener.NONE);
        Path copy = work.resolve("copy.img");
        DownloadResult result = client.download(image.id(), copy, ProgressListener.NONE);

        assertThat(result.bytes()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
    }

    @Test
    void theV1ClientHonoursOsCacertToo() {
        GlanceV1Client client = GlanceV1Client.connect(settings(Map.of("OS_CACERT", pki.ca().toString())));
        assertThat(client.list(ImageQueryV1.all())).isNotNull();
    }

    @Test
    void aWrongCaOrNoneIsRefusedSayingItIsTls() {
        GlanceClient wrongCa = GlanceClient.connect(settings(Map.of("OS_CACERT", pki.otherCa().toString())));
        assertThatThrownBy(() -> wrongCa.list(ImageQuery.all()).toList())
                .isInstanceOf(GlanceConnectionException.class)
                .hasMessageContaining("TLS failed")
                .hasMessageContaining(server.endpoint().toString());

        GlanceClient jdkTrust = GlanceClient.connect(settings(Map.of()));
        assertThatThrownBy(() -> jdkTrust.list(ImageQuery.all()).toList())
                .isInstanceOf(GlanceConnectionException.class).hasMessageContaining("TLS failed");
    }

    @Test
    void insecureAcceptsTheUnknownCertificate() {
        GlanceClient client = GlanceClient.connect(settings(Map.of("OS_INSECURE", "true")));
        assertThat(client.list(ImageQuery.all()).toList()).isNotNull();
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        Path missing = work.resolve("no-such-ca.pem");
        assertThatThrownBy(() -> GlanceClient.connect(settings(Map.of("OS_CACERT", missing.toString()))))
                .hasMessageContaining(missing.toString()).hasMessageContaining("OS_CACERT");
    }
}
