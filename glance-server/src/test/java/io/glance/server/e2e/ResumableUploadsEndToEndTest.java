package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumable uploads (tus 1.0.0 on {@code /v2/images/{id}/uploads}) against a real glance-api (H2, filesystem store,
 * staging in {@code <data_dir>/staging}): every status the protocol and the image rules give, the partial data on
 * disk, and the staged image ready for glance-direct (or imported at once).
 */
class ResumableUploadsEndToEndTest {
    private static final long CAP = 2_000_000;

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static TusHttp http;
    private static Path staging;

    @BeforeAll
    static void startServer() throws Exception {
        glance = GlanceProcess.start(work.resolve("server"), "--image_size_cap", Long.toString(CAP));
        http = new TusHttp(glance.uri("/"));
        staging = work.resolve("server").resolve("staging");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static byte[] data(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String session(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void optionsAdvertiseTheProtocol() throws Exception {
        String id = http.createImage();
        HttpResponse<String> options = http.send("OPTIONS", "/v2/images/" + id + "/uploads", null);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension"))
                .hasValue("creation,creation-with-upload,termination,checksum,expiration");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(Long.toString(CAP));
        assertThat(options.headers().firstValue("Tus-Checksum-Algorithm")).hasValue("md5,sha1,sha256,sha512");
    }

    @Test
    void chunksAppendAtTheServersOffsetAndTheLastOneStagesTheImage() throws Exception {
        byte[] data = data(300_000, 1);
        String id = http.createImage();
        HttpResponse<String> opened = http.tus("POST", "/v2/images/" + id + "/uploads", null,
                "Upload-Length", Integer.toString(data.length));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(opened.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(opened.headers().firstValue("Upload-Expires")).get().asString().endsWith("GMT");
        String location = opened.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/v2/images/" + id + "/uploads/[0-9a-f-]{36}");
        Path partial = staging.resolve(".upload-" + session(location));
        assertThat(partial).exists().isEmptyFile();

        HttpResponse<String> head = http.tus("HEAD", location, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("300000");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(head.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");

        HttpResponse<String> first = http.patch(location, 0, Arrays.copyOfRange(data, 0, 100_000));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).hasValue("100000");
        assertThat(first.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(Files.size(partial)).isEqualTo(100_000);
        assertThat(http.image(id).get("status").textValue()).isEqualTo("queued");

        HttpResponse<String> wrongOffset = http.patch(location, 50_000, Arrays.copyOfRange(data, 50_000, 60_000));
        assertThat(wrongOffset.statusCode()).isEqualTo(409);
        assertThat(wrongOffset.body()).contains("Upload-Offset 50000").contains("100000");
        assertThat(wrongOffset.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(Files.size(partial)).isEqualTo(100_000);

        HttpResponse<String> beyond = http.patch(location, 100_000, Arrays.copyOfRange(data, 0, 200_001));
        assertThat(beyond.statusCode()).isEqualTo(413);
        assertThat(beyond.body()).contains("200001").contains("300000");
        assertThat(Files.size(partial)).isEqualTo(100_000);

        HttpResponse<String> last = http.patch(location, 100_000, Arrays.copyOfRange(data, 100_000, data.length));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        assertThat(last.headers().firstValue("Upload-Offset")).hasValue("300000");
        assertThat(partial).doesNotExist();
        assertThat(staging.resolve(id)).hasBinaryContent(data);
        JsonNode staged = http.image(id);
        assertThat(staged.get("status").textValue()).isEqualTo("uploading");
        assertThat(staged.get("size").longValue()).isEqualTo(300_000);
        assertThat(http.tus("HEAD", location, null).statusCode()).as("the session ended").isEqualTo(404);

        JsonNode active = http.importAndWait(id);
        assertThat(active.get("status").textValue()).isEqualTo("active");
        assertThat(active.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(active.get("os_hash_value").textValue()).isEqualTo(hex("SHA-512", data));
        assertThat(http.download(id)).isEqualTo(data);
    }

    @Test
    void creationWithUploadAndTheImportOptionEndActive() throws Exception {
        byte[] data = data(70_000, 2);
        String id = http.createImage();
        HttpResponse<String> opened = http.tus("POST", "/v2/images/" + id + "/uploads", data,
                "Upload-Length", Integer.toString(data.length), "Content-Type", TusHttp.OFFSET_STREAM,
                "Upload-Metadata", "filename ZGlzay5pbWc=,import " + base64("true"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(opened.headers().firstValue("Upload-Offset")).hasValue("70000");
        JsonNode active = http.awaitActive(id);
        assertThat(active.get("status").textValue()).isEqualTo("active");
        assertThat(http.download(id)).isEqualTo(data);
    }

    @Test
    void checksumMismatchIs460AndDiscardsTheChunk() throws Exception {
        byte[] data = data(20_000, 3);
        String id = http.createImage();
        String location = http.open(id, data.length);
        byte[] chunk = Arrays.copyOfRange(data, 0, 8_000);
        HttpResponse<String> wrong = http.patch(location, 0, chunk, "Upload-Checksum",
                "sha1 " + base64Digest("SHA-1", Arrays.copyOf(chunk, 7_999)));
        assertThat(wrong.statusCode()).isEqualTo(460);
        assertThat(wrong.body()).contains("discarded");
        assertThat(wrong.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(http.tus("HEAD", location, null).headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(staging.resolve(".upload-" + session(location))).isEmptyFile();

        HttpResponse<String> unknown = http.patch(location, 0, chunk, "Upload-Checksum", "crc32 AAAA");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("crc32");

        for (String algorithm : new String[] {"md5", "sha1", "sha256", "sha512"}) {
            String jdk = switch (algorithm) {
                case "md5" -> "MD5";
                case "sha1" -> "SHA-1";
                case "sha256" -> "SHA-256";
                default -> "SHA-512";
            };
            int offset = Integer.parseInt(http.tus("HEAD", location, null).headers().firstValue("Upload-Offset")
                    .orElseThrow());
            byte[] part = Arrays.copyOfRange(data, offset, offset + 5_000);
            HttpResponse<String> right = http.patch(location, offset, part, "Upload-Checksum",
                    algorithm + " " + base64Digest(jdk, part));
            assertThat(right.statusCode()).as(algorithm + ": " + right.body()).isEqualTo(204);
        }
        JsonNode staged = http.image(id);
        assertThat(staged.get("status").textValue()).isEqualTo("uploading");
        assertThat(staged.get("size").longValue()).isEqualTo(20_000);
        assertThat(staging.resolve(id)).hasBinaryContent(data);
    }

    @Test
    void badInputIsRefusedNamingTheValue() throws Exception {
        String id = http.createImage();
        String uploads = "/v2/images/" + id + "/uploads";

        HttpResponse<String> noVersion = http.send("POST", uploads, null, "Upload-Length", "10");
        assertThat(noVersion.statusCode()).isEqualTo(412);
        assertThat(noVersion.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        HttpResponse<String> oldVersion = http.send("POST", uploads, null, "Upload-Length", "10",
                "Tus-Resumable", "0.2.2");
        assertThat(oldVersion.statusCode()).isEqualTo(412);
        assertThat(oldVersion.body()).contains("0.2.2");

        HttpResponse<String> noLength = http.tus("POST", uploads, null);
        assertThat(noLength.statusCode()).isEqualTo(400);
        assertThat(noLength.body()).contains("Upload-Length");
        HttpResponse<String> negative = http.tus("POST", uploads, null, "Upload-Length", "-5");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("-5");
        HttpResponse<String> notNumber = http.tus("POST", uploads, null, "Upload-Length", "ten");
        assertThat(notNumber.statusCode()).isEqualTo(400);
        assertThat(notNumber.body()).contains("ten");
        HttpResponse<String> overCap = http.tus("POST", uploads, null, "Upload-Length", Long.toString(CAP + 1));
        assertThat(overCap.statusCode()).isEqualTo(413);
        assertThat(overCap.body()).contains(Long.toString(CAP + 1)).contains("image_size_cap");
        HttpResponse<String> badMetadata = http.tus("POST", uploads, null, "Upload-Length", "10",
                "Upload-Metadata", "import !!!");
        assertThat(badMetadata.statusCode()).isEqualTo(400);
        assertThat(badMetadata.body()).contains("!!!");
        assertThat(http.tus("POST", "/v2/images/00000000-0000-0000-0000-000000000000/uploads", null,
                "Upload-Length", "10").statusCode()).isEqualTo(404);
        assertThat(http.tus("GET", uploads, null).statusCode()).isEqualTo(405);

        String location = http.open(id, 10);
        HttpResponse<String> wrongType = http.tus("PATCH", location, new byte[3], "Upload-Offset", "0",
                "Content-Type", "application/octet-stream");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.body()).contains("application/octet-stream");
        HttpResponse<String> noOffset = http.tus("PATCH", location, new byte[3], "Content-Type", TusHttp.OFFSET_STREAM);
        assertThat(noOffset.statusCode()).isEqualTo(400);
        assertThat(noOffset.body()).contains("Upload-Offset");
        HttpResponse<String> unknownSession = http.tus("HEAD", uploads + "/00000000-0000-0000-0000-000000000000",
                null);
        assertThat(unknownSession.statusCode()).isEqualTo(404);

        // A session is for a queued image only; another image's session is not found under this one.
        String other = http.createImage();
        assertThat(http.tus("HEAD", "/v2/images/" + other + "/uploads/" + session(location), null).statusCode())
                .isEqualTo(404);
        assertThat(http.send("PUT", "/v2/images/" + other + "/file", new byte[5], "Content-Type",
                "application/octet-stream").statusCode()).isEqualTo(204);
        HttpResponse<String> active = http.tus("POST", "/v2/images/" + other + "/uploads", null,
                "Upload-Length", "10");
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(active.body()).contains("active");
    }

    @Test
    void terminationRemovesTheSessionAndItsData() throws Exception {
        String id = http.createImage();
        String location = http.open(id, 1_000);
        assertThat(http.patch(location, 0, data(400, 4)).statusCode()).isEqualTo(204);
        Path partial = staging.resolve(".upload-" + session(location));
        assertThat(partial).exists();
        HttpResponse<String> deleted = http.tus("DELETE", location, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(partial).doesNotExist();
        assertThat(http.tus("HEAD", location, null).statusCode()).isEqualTo(404);
        assertThat(http.patch(location, 400, new byte[10]).statusCode()).isEqualTo(404);
        assertThat(http.image(id).get("status").textValue()).isEqualTo("queued");
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static String base64Digest(String algorithm, byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
