package io.glance.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with openssl at test time (nothing is checked in): a CA, a server certificate it signed for
 * 127.0.0.1 and localhost, a client certificate it signed, and a second CA that signed nothing of these (the wrong
 * CA). Every file is PEM; keys are unencrypted PKCS#8.
 *
 * @param ca           the CA's certificate
 * @param serverCert   the server's certificate (subjectAltName IP:127.0.0.1, DNS:localhost)
 * @param serverKey    the server's private key
 * @param clientCert   a client certificate (CN glance-client)
 * @param clientKey    its private key
 * @param otherCa      a CA unrelated to the certificates above
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                               Path otherCa) {

    /** Makes the PKI in {@code dir} (about a second of openssl). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        selfSigned(dir, "Glance Test CA", ca, caKey);
        Path otherCa = dir.resolve("other-ca.pem");
        selfSigned(dir, "Some Other CA", otherCa, dir.resolve("other-ca.key"));
        Path serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        signed(dir, "127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
                ca, caKey, serverCert, serverKey);
        Path clientCert = dir.resolve("client.pem");
        Path clientKey = dir.resolve("client.key");
        signed(dir, "glance-client", "extendedKeyUsage=clientAuth\n", ca, caKey, clientCert, clientKey);
        return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey, otherCa);
    }

    private static void selfSigned(Path dir, String name, Path cert, Path key) throws IOException,
            InterruptedException {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", key.toString(), "-out", cert.toString());
    }

    private static void signed(Path dir, String commonName, String extensions, Path ca, Path caKey, Path cert,
                               Path key) throws IOException, InterruptedException {
        Path request = dir.resolve(commonName + ".csr");
        Path extensionFile = dir.resolve(commonName + ".ext");
        Files.writeString(extensionFile, "basicConstraints=CA:FALSE\n" + extensions, StandardCharsets.US_ASCII);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName, "-keyout", key.toString(),
                "-out", request.toString());
        openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", extensionFile.toString(), "-out", cert.toString());
    }

    private static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + String.join(" ", command) + "\n" + output);
        }
    }
}
