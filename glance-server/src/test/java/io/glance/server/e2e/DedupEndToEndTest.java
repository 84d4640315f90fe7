package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content-addressed storage end to end: a real glance-api with two filesystem stores, {@code dd} with
 * {@code dedup: true} and {@code plain} without. Ten images owned by ten projects (created by the noauth admin with
 * {@code owner} set, no Keystone) get the same 1 GiB, generated as it is sent: the store holds one file, every image
 * downloads the same bytes, nine deletes keep the file and the tenth removes it. A copy-image into the dedup store
 * of data it already holds adds no file either.
 */
@Isolated("10 GiB through one glance-api takes both cores and the disk: the deadlines of a class beside it would"
        + " starve (ScrubberEndToEndTest's 20 s wait for the scrubber ran out beside it at load 25)")
class DedupEndToEndTest {
    private static final long GIB = 1L << 30;
    private static final DedupHttp HTTP = new DedupHttp();

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static Path dedupStore;
    private static Path plainStore;

    @BeforeAll
    static void start() throws Exception {
        dedupStore = work.resolve("dd").toAbsolutePath();
        plainStore = work.resolve("plain").toAbsolutePath();
        glance = GlanceProcess.start(work.resolve("api"), "--enabled_backends", "dd:file, plain:file",
                "--default_backend", "dd", "--dd.filesystem_store_datadir", dedupStore.toString(), "--dd.dedup",
                "true", "--plain.filesystem_store_datadir", plainStore.toString(), "--show_multiple_locations",
                "true");
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    @Test
    void tenProjectsUploadingTheSameGibKeepOneObject() throws Exception {
        List<String> images = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int project = 0; project < 10; project++) {
            String id = HTTP.create(glance, "project-" + project);
            HttpResponse<String> upload = HTTP.upload(glance, id, GIB, 7);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
            // The same answer whether the bytes were new or known: nothing tells another project holds them.
            answers.add(upload.statusCode() + " " + upload.body() + " "
                    + upload.headers().firstValue("Content-Length").orElse("-"));
            images.add(id);
        }
        assertThat(answers).as("answers to the first and the later uploads").containsOnly(answers.get(0));

        assertThat(DedupHttp.filesIn(dedupStore)).as("files in the dedup store").hasSize(1);
        Path object = DedupHttp.filesIn(dedupStore).first();
        assertThat(Files.size(object)).isEqualTo(GIB);
        for (int project = 0; project < 10; project++) {
            JsonNode image = HTTP.image(glance, images.get(project));
            assertThat(image.get("owner").asText()).isEqualTo("project-" + project);
            assertThat(image.get("size").asLong()).isEqualTo(GIB);
            assertThat(HTTP.files(image)).as("location of image %s", images.get(project))
                    .singleElement().satisfies(file -> assertThat(file.toAbsolutePath().normalize()).isEqualTo(object));
            assertDownloadsGeneratedBytes(images.get(project), GIB, 7);
        }

        for (int project = 0; project < 9; project++) {
            assertThat(HTTP.delete(glance, images.get(project))).isEqualTo(204);
        }
        assertThat(DedupHttp.filesIn(dedupStore)).as("files after deleting nine of the ten").containsExactly(object);
        assertDownloadsGeneratedBytes(images.get(9), GIB, 7);

        assertThat(HTTP.delete(glance, images.get(9))).isEqualTo(204);
        assertThat(DedupHttp.filesIn(dedupStore)).as("files after deleting the tenth").isEmpty();
    }

    @Test
    void copyImageIntoTheDedupStoreKeepsOneObject() throws Exception {
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        String inDedup = HTTP.create(glance, "project-a");
        assertThat(HTTP.upload(glance, inDedup, data).statusCode()).isEqualTo(204);
        String inPlain = HTTP.create(glance, "project-b");
        HttpResponse<String> plainUpload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        glance.uri("/v2/images/" + inPlain + "/file")).header("Content-Type", "application/octet-stream")
                .header("X-Image-Meta-Store", "plain").PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plainUpload.statusCode()).as(plainUpload.body()).isEqualTo(204);
        Path object = DedupHttp.filesIn(dedupStore).first();

        HttpResponse<String> copy = HTTP.copyTo(glance, inPlain, "dd");
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(202);
        JsonNode copied = awaitStores(inPlain, 2);
        assertThat(copied.get("stores").asText()).contains("dd").contains("plain");
        assertThat(HTTP.files(copied)).as("locations of the copied image").contains(object);
        assertThat(DedupHttp.filesIn(dedupStore)).as("files in the dedup store after the copy").containsExactly(object);

        assertThat(HTTP.delete(glance, inDedup)).isEqualTo(204);
        assertThat(DedupHttp.filesIn(dedupStore)).as("the copy still refers to the object").containsExactly(object);
        assertThat(HTTP.downloadDigest(glance, inPlain)).isEqualTo(DedupHttp.digest(data));
        assertThat(HTTP.delete(glance, inPlain)).isEqualTo(204);
        assertThat(DedupHttp.filesIn(dedupStore)).isEmpty();
        assertThat(DedupHttp.filesIn(plainStore)).isEmpty();
    }

    private static JsonNode awaitStores(String id, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode image = HTTP.image(glance, id);
        while (image.get("locations").size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            image = HTTP.image(glance, id);
        }
        assertThat(image.get("locations")).as("locations of image %s: %s", id, image).hasSize(count);
        return image;
    }

    /** Compares the download with the generated bytes block by block, without holding either. */
    private static void assertDownloadsGeneratedBytes(String id, long size, long seed) throws Exception {
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                glance.uri("/v2/images/" + id + "/file")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] got = new byte[1 << 16];
        byte[] want = new byte[1 << 16];
        long read = 0;
        try (InputStream in = download.body(); InputStream expected = new DedupHttp.GeneratedBytes(size, seed)) {
            for (int n; (n = in.readNBytes(got, 0, got.length)) > 0; read += n) {
                int m = expected.readNBytes(want, 0, n);
                assertThat(m).as("bytes of image %s at %d", id, read).isEqualTo(n);
                if (!Arrays.equals(got, 0, n, want, 0, n)) {
                    throw new AssertionError("image " + id + " differs from its data near byte " + read);
                }
            }
        }
        assertThat(read).as("bytes downloaded of image %s", id).isEqualTo(size);
    }
}
