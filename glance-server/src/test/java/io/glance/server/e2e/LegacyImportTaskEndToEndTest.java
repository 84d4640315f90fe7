package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy {@code POST /v2/tasks} of type {@code import} (Glance Zed's base_import flow) against a glance-api behind
 * the suite's real Keystone, fetching from the suite's nginx (127.0.0.1 listed in {@code allowed_hosts}, as an
 * operator would): an admin's task creates the image in the admin's project, fills it with the right checksums and
 * ends {@code success} with the image id; a URL nginx answers 404 fails the task and deletes the image it created; a
 * refused host or scheme is a 400 before any task exists; a member of a project is refused with 403. The unmodified
 * {@code glance task-create} drives it once.
 */
class LegacyImportTaskEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

    @TempDir
    static Path work;
    private static RealServers.Nginx nginx;
    private static GlanceProcess glance;
    private static KeystoneServer keystone;
    private static KeystoneServer.User admin;
    private static KeystoneServer.User member;
    private static byte[] data;
    /** Tokens issued once: each issue is a round trip through Keystone's password hashing. */
    private static String adminToken;
    private static String memberToken;

    @BeforeAll
    static void start() throws Exception {
        nginx = RealServers.nginx();
        keystone = KeystoneServer.fromSuite();
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        String ops = keystone.project("legacy-ops");
        String users = keystone.project("legacy-users");
        String services = keystone.project("legacy-service");
        admin = keystone.user("legacy-admin", "legacy-ops", ops, "admin");
        member = keystone.user("legacy-member", "legacy-users", users, "member");
        KeystoneServer.User service = keystone.user("legacy-glance", "legacy-service", services, "service");
        adminToken = keystone.token(admin);
        memberToken = keystone.token(member);
        data = new byte[300 * 1024 + 17];
        new Random(12).nextBytes(data);
        Files.write(nginx.docroot().resolve("legacy-task.img"), data);
        glance = GlanceProcess.start(work.resolve("glance"), "--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", keystone.authUrl,
                "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project(),
                "--import_filtering_opts.allowed_hosts", "127.0.0.1",
                "--import_filtering_opts.allowed_ports", "80," + nginx.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(glance.uri(path)).timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String importTask(String url, String name) {
        return "{\"type\": \"import\", \"input\": {\"import_from\": \"" + url + "\", \"import_from_format\": \"raw\","
                + " \"image_properties\": {\"name\": \"" + name + "\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}}}";
    }

    /** The task once it has ended (at most 60 s). */
    private static JsonNode endedTask(String taskId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> shown = send("GET", "/v2/tasks/" + taskId, adminToken, null);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            JsonNode task = JSON.readTree(shown.body());
            if (task.get("status").textValue().matches("success|failure")) {
                return task;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("task " + taskId + " did not end");
    }

    private static int taskCount() throws Exception {
        return JSON.readTree(send("GET", "/v2/tasks?limit=1000", adminToken, null).body()).get("tasks")
                .size();
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    /** The imported image: active, in the admin's project, with the checksums of nginx's file. */
    private static void assertImported(String imageId, String name) throws Exception {
        HttpResponse<String> shown = send("GET", "/v2/images/" + imageId, adminToken, null);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        JsonNode image = JSON.readTree(shown.body());
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("name").textValue()).isEqualTo(name);
        assertThat(image.get("owner").textValue()).isEqualTo(admin.projectId());
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(hex("MD5", data));
        assertThat(image.get("os_hash_value").textValue()).isEqualTo(hex("SHA-512", data));
        assertThat(image.has("os_glance_import_task")).isFalse();
    }

    @Test
    void anAdminsTaskCreatesTheImageAndFillsItFromTheUrl() throws Exception {
        HttpResponse<String> created = send("POST", "/v2/tasks", adminToken,
                importTask(nginx.base() + "/legacy-task.img", "legacy-from-nginx"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode task = JSON.readTree(created.body());
        String taskId = task.get("id").textValue();
        assertThat(created.headers().firstValue("Location")).hasValue("/v2/tasks/" + taskId);
        assertThat(task.get("status").textValue()).isEqualTo("pending");
        assertThat(task.get("type").textValue()).isEqualTo("import");
        assertThat(task.get("owner").textValue()).isEqualTo(admin.projectId());
        assertThat(task.get("input").get("import_from").textValue()).isEqualTo(nginx.base() + "/legacy-task.img");

        JsonNode ended = endedTask(taskId);
        assertThat(ended.get("status").textValue()).as(ended.toString()).isEqualTo("success");
        assertThat(ended.get("expires_at").textValue()).endsWith("Z");
        assertImported(ended.get("result").get("image_id").textValue(), "legacy-from-nginx");
    }

    @Test
    void aUrlThatFailsFailsTheTaskAndLeavesNoImage() throws Exception {
        HttpResponse<String> created = send("POST", "/v2/tasks", adminToken,
                importTask(nginx.base() + "/legacy-missing.img", "legacy-missing"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ended = endedTask(JSON.readTree(created.body()).get("id").textValue());
        assertThat(ended.get("status").textValue()).isEqualTo("failure");
        assertThat(ended.get("message").textValue()).contains("legacy-missing.img").contains("404");
        String imageId = ended.get("image_id").textValue();
        assertThat(send("GET", "/v2/images/" + imageId, adminToken, null).statusCode()).isEqualTo(404);
        JsonNode named = JSON.readTree(send("GET", "/v2/images?name=legacy-missing", adminToken, null)
                .body());
        assertThat(named.get("images")).isEmpty();
        try (Stream<Path> files = Files.walk(work.resolve("glance"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(file -> file.contains(imageId)))
                    .isEmpty();
        }
    }

    @Test
    void refusedHostsAndSchemesAre400BeforeAnyTask() throws Exception {
        int before = taskCount();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.20.30.40/disk.img",
                "ftp://127.0.0.1/disk.img", "file:///etc/passwd")) {
            HttpResponse<String> refused = send("POST", "/v2/tasks", adminToken, importTask(url, "x"));
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body().replace("&#x2F;", "/")).contains(url.replace("file:///etc/passwd",
                    "File based imports are not allowed"));
        }
        HttpResponse<String> noUrl = send("POST", "/v2/tasks", adminToken, "{\"type\": \"import\","
                + " \"input\": {\"import_from_format\": \"raw\", \"image_properties\": {}}}");
        assertThat(noUrl.statusCode()).isEqualTo(400);
        assertThat(noUrl.body().replace("&#x27;", "'")).contains("'import_from'");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void aProjectMemberIsRefusedWith403() throws Exception {
        HttpResponse<String> refused = send("POST", "/v2/tasks", memberToken,
                importTask(nginx.base() + "/legacy-task.img", "legacy-member"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        JsonNode mine = JSON.readTree(send("GET", "/v2/images?name=legacy-member", memberToken, null)
                .body());
        assertThat(mine.get("images")).isEmpty();
    }

    @Test
    void theGlanceClientsTaskCreateImports() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        String input = "{\"import_from\": \"" + nginx.base() + "/legacy-task.img\", \"import_from_format\": \"raw\","
                + " \"image_properties\": {\"name\": \"legacy-cli\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}}";
        CommandLine.Result created = CommandLine.run(home, List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", adminToken, "--os-image-api-version", "2", "task-create", "--type",
                "import", "--input", input)).requireSuccess();
        Matcher id = ID_ROW.matcher(created.output());
        assertThat(id.find()).as(created.output()).isTrue();
        JsonNode ended = endedTask(id.group(1));
        assertThat(ended.get("status").textValue()).as(ended.toString()).isEqualTo("success");
        assertImported(ended.get("result").get("image_id").textValue(), "legacy-cli");
    }
}
