package io.glance.server.e2e;

import io.glance.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * glance-api and glance-registry over TLS with Glance's {@code cert_file}, {@code key_file} and {@code ca_file}, a
 * CA and certificates made with openssl for this run: the unmodified {@code glance} and {@code openstack} clients
 * with {@code --os-cacert}, a wrong CA refused by the client, plain http to the TLS port failing at once, client
 * certificates required by {@code ca_file}, and glance-api reaching glance-registry over https with its own client
 * certificate.
 */
class TlsEndToEndTest {
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

    @TempDir
    static Path work;
    private static TestCertificates pki;
    private static GlanceProcess glance;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        CommandLine.requireInstalled("openstack", "python3-openstackclient");
        pki = TestCertificates.create(work.resolve("pki"));
        glance = GlanceProcess.start(work.resolve("api"), "--cert_file", pki.serverCert().toString(),
                "--key_file", pki.serverKey().toString());
        home = Files.createDirectories(work.resolve("home"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static CommandLine.Result glanceCli(String endpoint, String caFile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", endpoint, "--os-auth-token",
                "tls-token", "--os-image-api-version", "2", "--os-cacert", caFile));
        command.addAll(List.of(args));
        return CommandLine.run(home, command);
    }

    @Test
    void glanceWithTheCaUploadsListsAndDownloadsOverHttps() throws Exception {
        Path image = work.resolve("tls.img");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Files.write(image, data);

        CommandLine.Result created = glanceCli(glance.httpsEndpoint(), pki.ca().toString(), "image-create",
                "--name", "over-tls", "--disk-format", "raw", "--container-format", "bare", "--file",
                image.toString()).requireSuccess();
        Matcher id = ID_ROW.matcher(created.output());
        assertThat(id.find()).as(created.output()).isTrue();
        assertThat(glanceCli(glance.httpsEndpoint(), pki.ca().toString(), "image-list").requireSuccess().output())
                .contains("over-tls");
        Path copy = work.resolve("copy.img");
        glanceCli(glance.httpsEndpoint(), pki.ca().toString(), "image-download", "--file", copy.toString(),
                id.group(1)).requireSuccess();
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
    }

    @Test
    void openstackWithTheCaListsOverHttps() throws Exception {
        CommandLine.Result listed = CommandLine.run(home, List.of("openstack", "--os-auth-type", "none",
                "--os-endpoint", glance.httpsEndpoint(), "--os-image-api-version", "2", "--os-cacert",
                pki.ca().toString(), "image", "list", "-f", "json")).requireSuccess();
        assertThat(listed.output().strip()).startsWith("[");
    }

    @Test
    void aWrongCaIsRefusedByTheClient() throws Exception {
        CommandLine.Result refused = glanceCli(glance.httpsEndpoint(), pki.otherCa().toString(), "image-list");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("certificate verify failed");
        assertThat(glance.log()).doesNotContain("GET /v2/images");
    }

    @Test
    void plainHttpToTheTlsPortIsClosedAtOnceNotLeftHanging() throws Exception {
        long start = System.nanoTime();
        CommandLine.Result plain = glanceCli(glance.endpoint(), pki.ca().toString(), "image-list");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.output()).contains(glance.endpoint());
        assertThat(seconds).as("the client gives up by itself, long before the 120 s the runner allows")
                .isLessThan(60);

        // A raw plain-text request: the server closes the connection instead of waiting for more.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", glance.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /versions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(4096); // returns at end of stream; a hang would throw SocketTimeoutException
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 200");
        }
    }

    @Test
    void caFileRequiresAClientCertificate() throws Exception {
        try (GlanceProcess strict = GlanceProcess.start(work.resolve("strict"), "--cert_file",
                pki.serverCert().toString(), "--key_file", pki.serverKey().toString(), "--ca_file",
                pki.ca().toString())) {
            assertThat(strict.log()).contains("client certificates signed by " + pki.ca() + " required");

            CommandLine.Result without = glanceCli(strict.httpsEndpoint(), pki.ca().toString(), "image-list");
            assertThat(without.exitCode()).isNotZero();
            assertThat(without.output()).containsIgnoringCase("certificate required");

            // openstackclient, as glanceclient 4.1.0 drops --os-cert/--os-key when given an endpoint and a token
            // (its shell passes cert/key, its HTTP client reads cert_file/key_file).
            CommandLine.run(home, List.of("openstack", "--os-auth-type", "none", "--os-endpoint",
                    strict.httpsEndpoint(), "--os-image-api-version", "2", "--os-cacert", pki.ca().toString(),
                    "--os-cert", pki.clientCert().toString(), "--os-key", pki.clientKey().toString(), "image", "list"))
                    .requireSuccess();
        }
    }

    @Test
    void glanceApiReachesGlanceRegistryOverHttpsWithItsClientCertificate() throws Exception {
        try (GlanceProcess registry = GlanceProcess.startRegistry(work.resolve("registry"), "--cert_file",
                pki.serverCert().toString(), "--key_file", pki.serverKey().toString(), "--ca_file",
                pki.ca().toString());
             GlanceProcess api = GlanceProcess.start(work.resolve("via-registry"), "--data_api", "registry",
                     "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port()),
                     "--registry_client_protocol", "https", "--registry_client_ca_file", pki.ca().toString(),
                     "--registry_client_cert_file", pki.clientCert().toString(),
                     "--registry_client_key_file", pki.clientKey().toString())) {
            assertThat(api.log()).contains("glance-registry at https://127.0.0.1:" + registry.port());

            CommandLine.Result created = CommandLine.run(home, List.of("glance", "--os-image-url", api.endpoint(),
                    "--os-auth-token", "t", "--os-image-api-version", "2", "image-create", "--name",
                    "kept-by-the-registry", "--disk-format", "raw", "--container-format", "bare")).requireSuccess();
            assertThat(created.output()).contains("kept-by-the-registry");

            // Without its client certificate glance-api cannot even run its start-up recovery through the
            // registry, and says why.
            assertThatThrownBy(() -> GlanceProcess.start(work.resolve("no-client-cert"), "--data_api", "registry",
                    "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port()),
                    "--registry_client_protocol", "https", "--registry_client_ca_file", pki.ca().toString()))
                    .hasMessageContaining("glance-registry at https://127.0.0.1:" + registry.port())
                    .hasMessageContaining("certificate_required");
        }
    }
}
