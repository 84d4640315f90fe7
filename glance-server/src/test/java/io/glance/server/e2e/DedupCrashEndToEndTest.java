package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill -9 matrix of content-addressed storage: a real glance-api with a filesystem store that has
 * {@code dedup: true} is stopped by {@code dedup_pause_at} at each step of an upload (journalled, written, claimed,
 * activated) and of a delete (released), killed with SIGKILL there, and started again. At every start the store
 * holds exactly the files the live images point at (no object that nothing references), every active image
 * downloads its own bytes (no dangling reference), images whose upload was cut are {@code queued} again, and images
 * with the same bytes share one file. Each step is taken by two uploads at once: bytes the store already holds and
 * new bytes. Deleting every image at the end empties the store, so no reference was counted twice.
 */
class DedupCrashEndToEndTest {
    private static final Duration PAUSE_WAIT = Duration.ofSeconds(60);
    private final DedupHttp http = new DedupHttp();

    @TempDir
    Path work;

    @Test
    void aKillAtAnyStepLeavesNeitherDanglingReferencesNorOrphans() throws Exception {
        Path dataDir = work.resolve("api");
        Path store = work.resolve("store").toAbsolutePath();
        Map<String, String> expected = new LinkedHashMap<>(); // image -> sha256 of its data; "queued" or "deleted"
        byte[] shared = bytes(200_000, 1);
        String base;
        try (GlanceProcess glance = start(dataDir, store, null)) {
            base = http.create(glance, null);
            assertThat(http.upload(glance, base, shared).statusCode()).isEqualTo(204);
            expected.put(base, DedupHttp.digest(shared));
            assertConsistent(glance, store, expected);
        }

        String lastFresh = null;
        for (String step : List.of("journaled", "written", "claimed", "activated")) {
            byte[] fresh = bytes(100_000 + step.length(), step.hashCode());
            GlanceProcess glance = start(dataDir, store, step);
            String same;
            String other;
            try {
                assertConsistent(glance, store, expected);
                same = http.create(glance, null);
                other = http.create(glance, null);
                uploadInBackground(glance, same, shared);
                uploadInBackground(glance, other, fresh);
                awaitPauses(glance, step, 2);
            } finally {
                glance.kill();
            }
            boolean done = step.equals("activated");
            expected.put(same, done ? DedupHttp.digest(shared) : "queued");
            expected.put(other, done ? DedupHttp.digest(fresh) : "queued");
            lastFresh = other;
        }

        GlanceProcess releasing = start(dataDir, store, "released");
        try {
            assertConsistent(releasing, store, expected);
            // The only image holding these bytes: its delete drops the last reference and pauses before the unlink.
            String doomed = lastFresh;
            CompletableFuture.runAsync(() -> {
                try {
                    http.delete(releasing, doomed);
                } catch (Exception killed) {
                    // The process is killed while the request waits.
                }
            });
            awaitPauses(releasing, "released", 1);
        } finally {
            releasing.kill();
        }
        expected.put(lastFresh, "deleted");

        try (GlanceProcess glance = start(dataDir, store, null)) {
            assertConsistent(glance, store, expected);
            for (String id : expected.keySet()) {
                if (!expected.get(id).equals("deleted")) {
                    assertThat(http.delete(glance, id)).as("delete of image %s", id).isEqualTo(204);
                }
            }
            assertThat(DedupHttp.filesIn(store)).as("files left after every image was deleted").isEmpty();
        }
    }

    private GlanceProcess start(Path dataDir, Path store, String pauseAt) throws Exception {
        List<String> options = new ArrayList<>(List.of("--enabled_backends", "dd:file", "--default_backend", "dd",
                "--dd.filesystem_store_datadir", store.toString(), "--dd.dedup", "true",
                "--show_multiple_locations", "true"));
        if (pauseAt != null) {
            options.addAll(List.of("--dedup_pause_at", pauseAt));
        }
        return GlanceProcess.start(dataDir, options.toArray(String[]::new));
    }

    private void uploadInBackground(GlanceProcess glance, String id, byte[] data) {
        CompletableFuture.runAsync(() -> {
            try {
                http.upload(glance, id, data);
            } catch (Exception killed) {
                // The process is killed while the upload waits at its step.
            }
        });
    }

    private static void awaitPauses(GlanceProcess glance, String step, int count) throws Exception {
        String line = "dedup checkpoint " + step + " reached";
        long deadline = System.nanoTime() + PAUSE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (glance.log().split(java.util.regex.Pattern.quote(line), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " requests did not reach step " + step + ":\n" + glance.log());
    }

    /**
     * Every image as expected, and the store's files exactly those the active images point at, one per content.
     */
    private void assertConsistent(GlanceProcess glance, Path store, Map<String, String> expected) throws Exception {
        TreeSet<Path> referenced = new TreeSet<>();
        Set<String> contents = new HashSet<>();
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            JsonNode image = http.image(glance, entry.getKey());
            switch (entry.getValue()) {
                case "deleted" -> assertThat(image).as("image %s", entry.getKey()).isNull();
                case "queued" -> {
                    assertThat(image.get("status").asText()).as("status of image %s", entry.getKey())
                            .isEqualTo("queued");
                    assertThat(image.get("locations")).as("locations of queued image %s", entry.getKey()).isEmpty();
                }
                default -> {
                    assertThat(image.get("status").asText()).as("status of image %s", entry.getKey())
                            .isEqualTo("active");
                    assertThat(http.downloadDigest(glance, entry.getKey())).as("data of image %s", entry.getKey())
                            .isEqualTo(entry.getValue());
                    http.files(image).forEach(file -> referenced.add(file.toAbsolutePath().normalize()));
                    contents.add(entry.getValue());
                }
            }
        }
        assertThat(DedupHttp.filesIn(store)).as("files in the store (log:%n%s)", glance.log())
                .containsExactlyElementsOf(referenced);
        assertThat(referenced).as("one file per content").hasSize(contents.size());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
