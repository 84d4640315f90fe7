package io.glance.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orphan sweeper against a real glance-api with three stores: filesystem ({@code fast}), S3 on s3proxy
 * ({@code obj}) and Swift ({@code sw}). Each store gets an image uploaded through glance-api and an orphan object put
 * there behind its back; one filesystem image loses its file. The sweeper inside glance-api
 * ({@code orphan_sweep_interval}) logs the three orphans and the image, deleting nothing; {@code glance-manage sweep}
 * with the default grace period calls no young object an orphan; with {@code --grace 0 --delete} it deletes the three
 * orphans and nothing an image records.
 */
class OrphanSweepEndToEndTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void findsOrphansInEveryStoreAndImagesWithoutDataAndDeletesOnlyOrphansWhenAsked() throws Exception {
        String s3 = DirectStores.required("glance.test.s3.endpoint", "GLANCE_TEST_S3_ENDPOINT");
        String swiftAuth = DirectStores.required("glance.test.swift.auth", "GLANCE_TEST_SWIFT_AUTH");
        String accessKey = System.getProperty("glance.test.s3.access_key", "");
        String secretKey = System.getProperty("glance.test.s3.secret_key", "");
        String bucket = "sweep-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String container = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        Path fast = work.resolve("fast");
        Path dataDir = work.resolve("server");
        List<String> options = DirectStores.threeStoreOptions(DirectStores.pluginsFolder(work), fast, s3, bucket,
                accessKey, secretKey, swiftAuth, container);
        DirectStores.Swift swift = DirectStores.Swift.login(http, swiftAuth);
        DirectStores.S3 s3Bucket = new DirectStores.S3(http, s3, bucket, accessKey, secretKey);
        byte[] data = new byte[50_000];
        new Random(14).nextBytes(data);

        String keptFast;
        String keptS3;
        String keptSwift;
        String lost;
        String orphanFast = UUID.randomUUID().toString();
        String orphanS3 = UUID.randomUUID().toString();
        String orphanSwift = UUID.randomUUID().toString();
        List<String> running = new ArrayList<>(options);
        running.addAll(List.of("--orphan_sweep_interval", "1", "--orphan_sweep_grace", "0"));
        try (GlanceProcess glance = GlanceProcess.start(dataDir, running.toArray(String[]::new))) {
            keptFast = DirectStores.imageWithData(http, glance, data, "fast");
            keptS3 = DirectStores.imageWithData(http, glance, data, "obj");
            keptSwift = DirectStores.imageWithData(http, glance, data, "sw");
            lost = DirectStores.imageWithData(http, glance, data, "fast");
            Files.write(fast.resolve(orphanFast), data);
            assertThat(s3Bucket.put(orphanS3, data)).isEqualTo(200);
            assertThat(swift.put(container, orphanSwift, data)).isEqualTo(201);
            Files.delete(fast.resolve(lost));

            // With orphan_sweep_grace 0 a pass running during an upload may well call its object an orphan (that is
            // what the grace period is for), so only a pass that started after the uploads and plants is read.
            String pass = nextCompletePass(glance, glance.log().length());
            assertThat(pass).contains("orphan store=fast key=" + orphanFast, "orphan store=obj key=" + orphanS3,
                            "orphan store=sw key=" + orphanSwift, "missing image=" + lost + " store=fast",
                            "3 orphans (150000 bytes, 0 deleted)")
                    .doesNotContain("key=" + keptFast, "key=" + keptS3, "key=" + keptSwift);
            assertThat(fast.resolve(orphanFast)).as("the periodic sweep only reports by default").exists();
        }
        // H2 locks its file: glance-manage works on it while glance-api is stopped.
        CommandLine.Result young = manage(options, "sweep");
        assertThat(young.exitCode()).as(young.output()).isZero();
        assertThat(young.output()).as("objects younger than orphan_sweep_grace are no orphans")
                .doesNotContain("orphan store=").contains("missing image=" + lost, "0 orphans");

        CommandLine.Result swept = manage(options, "sweep", "--grace", "0", "--delete");
        assertThat(swept.exitCode()).as(swept.output()).isZero();
        assertThat(swept.output()).contains("orphan store=fast key=" + orphanFast,
                        "orphan store=obj key=" + orphanS3, "orphan store=sw key=" + orphanSwift,
                        "missing image=" + lost, "3 orphans (150000 bytes, 3 deleted)")
                .doesNotContain("key=" + keptFast, "key=" + keptS3, "key=" + keptSwift);
        assertThat(fast.resolve(orphanFast)).doesNotExist();
        assertThat(s3Bucket.get(orphanS3)).isEqualTo(404);
        assertThat(swift.get(container, orphanSwift)).isEqualTo(404);
        assertThat(fast.resolve(keptFast)).exists();
        assertThat(s3Bucket.get(keptS3)).isEqualTo(200);
        assertThat(swift.get(container, keptSwift)).isEqualTo(200);

    }

    /**
     * The findings and summary of the first sweep that began after the log was {@code mark} characters long: the text
     * between the first summary line after the mark (ending a pass that may have begun earlier) and the next one.
     */
    private static String nextCompletePass(GlanceProcess glance, int mark) throws Exception {
        String summary = "Orphan sweeper: sweep:";
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            String after = glance.log().substring(mark);
            int first = after.indexOf(summary);
            int second = first < 0 ? -1 : after.indexOf(summary, first + summary.length());
            if (second >= 0) {
                int end = after.indexOf('\n', second);
                return after.substring(after.indexOf('\n', first) + 1, end < 0 ? after.length() : end);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no complete orphan sweep within 30 s after the uploads:\n" + glance.log());
    }

    /** glance-manage in its own JVM (it exits with its status), with glance-api's options after the command. */
    private CommandLine.Result manage(List<String> options, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.glance.server.GlanceManage"));
        line.addAll(List.of(command));
        line.addAll(List.of("--data_dir", work.resolve("server").toString()));
        line.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GLANCE_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        return new CommandLine.Result(line, process.waitFor(), output);
    }

}
