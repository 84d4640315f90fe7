package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code glance-manage db purge} and {@code db compact}, and glance-api's compaction at start, against real processes:
 * big-valued images are created and deleted, purge removes what they left (the ids stay reserved: re-creating one is
 * a 409), and the H2 file shrinks, by the command and at the next start; on a real MariaDB the same purge, and
 * compact optimizes the tables.
 */
class DatabaseUpkeepEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPACTED = Pattern.compile("compacted .*: (\\d+) -> (\\d+) bytes");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void purgeAndCompactGiveTheSpaceOfDeletedImagesBackOnH2() throws Exception {
        Path dataDir = work.resolve("api");
        Path file = dataDir.resolve("db").resolve("glance.mv.db");
        List<String> deleted = new ArrayList<>();
        try (GlanceProcess glance = GlanceProcess.start(dataDir)) {
            deleted.addAll(createAndDeleteBigImages(glance, 20));
            CommandLine.Result busy = manage("db", "compact", "--data_dir", dataDir.toString());
            assertThat(busy.exitCode()).as(busy.output()).isEqualTo(1);
            assertThat(busy.output()).contains("stop glance-api first");
        }
        long grown = Files.size(file);

        CommandLine.Result young = manage("db", "purge", "--age_in_days", "1", "--data_dir", dataDir.toString());
        assertThat(young.exitCode()).as(young.output()).isZero();
        assertThat(young.output()).contains("Purged 0 images");
        CommandLine.Result some = manage("db", "purge", "--age_in_days", "0", "--max_rows", "5",
                "--data_dir", dataDir.toString());
        assertThat(some.output()).as(some.output()).contains("Purged 5 images").contains("image_properties 20");
        CommandLine.Result rest = manage("db", "purge", "--age_in_days", "0", "--max_rows", "-1",
                "--data_dir", dataDir.toString());
        assertThat(rest.output()).as(rest.output()).contains("Purged 15 images").contains("image_properties 60")
                .contains("image_tags 15");

        // No claim on the size here: H2 compacts for a moment when a database closes (each glance-manage run), and
        // on a quiet machine that alone may give much of the space back. What the product promises is the compaction.
        long purged = Files.size(file);
        CommandLine.Result compacted = manage("db", "compact", "--data_dir", dataDir.toString());
        assertThat(compacted.exitCode()).as(compacted.output()).isZero();
        long[] sizes = sizes(compacted.output());
        assertThat(sizes[0]).isEqualTo(purged);
        assertThat(Files.size(file)).as(compacted.output()).isEqualTo(sizes[1]).isLessThan(grown / 4);
        System.out.println("db compact: " + compacted.output().strip());

        try (GlanceProcess glance = GlanceProcess.start(dataDir)) {
            HttpResponse<String> reuse = create(glance, "{\"id\":\"" + deleted.get(0) + "\",\"name\":\"again\"}");
            assertThat(reuse.statusCode()).as("a purged image's id stays reserved: " + reuse.body()).isEqualTo(409);
            createAndDeleteBigImages(glance, 20);
        }
        assertThat(manage("db", "purge", "--age_in_days", "0", "--max_rows", "-1", "--data_dir",
                dataDir.toString()).output()).contains("Purged 20 images");
        long grownAgain = Files.size(file);
        try (GlanceProcess glance = GlanceProcess.start(dataDir)) {
            Matcher atStart = COMPACTED.matcher(glance.log());
            assertThat(atStart.find()).as(glance.log()).isTrue();
            assertThat(Long.parseLong(atStart.group(1))).isEqualTo(grownAgain);
            assertThat(Long.parseLong(atStart.group(2))).isLessThan(grownAgain / 4);
            System.out.println("compaction at start: " + atStart.group());
            assertThat(http.send(HttpRequest.newBuilder(glance.uri("/v2/images")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void purgeOnMariaDbKeepsLiveImagesAndDeletedIds() throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start()) {
            List<String> deleted;
            String kept;
            try (GlanceProcess glance = GlanceProcess.start(work.resolve("api"), "--sql_connection",
                    mariadb.jdbcUrl())) {
                deleted = createAndDeleteBigImages(glance, 3);
                HttpResponse<String> live = create(glance, "{\"name\":\"live\",\"os_distro\":\"cirros\","
                        + "\"tags\":[\"keep\"]}");
                kept = JSON.readTree(live.body()).get("id").asText();
            }
            CommandLine.Result purged = manage("db", "purge", "--age_in_days", "0", "--sql_connection",
                    mariadb.jdbcUrl());
            assertThat(purged.output()).as(purged.output()).contains("Purged 3 images")
                    .contains("image_properties 12").contains("image_tags 3");
            try (Connection connection = DriverManager.getConnection(mariadb.jdbcUrl());
                 Statement statement = connection.createStatement()) {
                assertThat(count(statement, "SELECT COUNT(*) FROM images")).as("image rows stay").isEqualTo(4);
                assertThat(count(statement, "SELECT COUNT(*) FROM image_properties WHERE image_id <> '" + kept
                        + "'")).isZero();
                assertThat(count(statement, "SELECT COUNT(*) FROM image_properties WHERE image_id = '" + kept
                        + "'")).isEqualTo(1);
                assertThat(count(statement, "SELECT COUNT(*) FROM image_tags WHERE image_id = '" + kept + "'"))
                        .isEqualTo(1);
            }
            CommandLine.Result optimized = manage("db", "compact", "--sql_connection", mariadb.jdbcUrl());
            assertThat(optimized.exitCode()).as(optimized.output()).isZero();
            assertThat(optimized.output()).contains("optimized the image tables");
            try (GlanceProcess glance = GlanceProcess.start(work.resolve("api"), "--sql_connection",
                    mariadb.jdbcUrl())) {
                assertThat(create(glance, "{\"id\":\"" + deleted.get(1) + "\"}").statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + kept)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("os_distro").asText()).isEqualTo("cirros");
            }
        }
    }

    /** Images with four properties of 60,000 bytes and a tag each, deleted again; their ids. */
    private List<String> createAndDeleteBigImages(GlanceProcess glance, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode body = JSON.createObjectNode().put("name", "big-" + i);
            for (int p = 0; p < 4; p++) {
                body.put("blob" + p, Character.toString('a' + (i + p) % 26).repeat(60_000) + i);
            }
            body.putArray("tags").add("big");
            HttpResponse<String> created = create(glance, body.toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<String> delete = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).isEqualTo(204);
            ids.add(id);
        }
        return ids;
    }

    private HttpResponse<String> create(GlanceProcess glance, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** glance-manage in its own JVM, as an operator runs it (it exits with its status). */
    private CommandLine.Result manage(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.glance.server.GlanceManage"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GLANCE_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        return new CommandLine.Result(command, process.waitFor(), output);
    }

    private static long[] sizes(String output) {
        Matcher matcher = COMPACTED.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
