package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two projects, a reader and an admin, each logging in to the suite's real Keystone with a password through the
 * unmodified {@code glance} and {@code openstack} clients (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME,
 * domains; the image endpoint found in Keystone's catalog, in a region of this test's own), against one real
 * glance-api with {@code auth_strategy: keystone}, {@code enforce_new_defaults: true}, a {@code user_storage_quota}
 * and a property protections file. Each client runs with {@code --debug}, so the test reads the HTTP status glance-api
 * answered from the client's own log ({@code RESP: [404]}), and the refusals that clients do not send (they stop at
 * the GET before a PATCH) are sent with the project's real token as well.
 */
@ResourceLock(SharedResources.KEYSTONE_IMAGE_CATALOG)
class TwoProjectsWithTheClientsEndToEndTest {
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path work;
    private static KeystoneServer keystone;
    private static GlanceProcess glance;
    private static String region;
    private static Path home;
    private static KeystoneServer.User alice;
    private static KeystoneServer.User bob;
    private static KeystoneServer.User rita;
    private static KeystoneServer.User carol;
    private static KeystoneServer.User ada;
    private static byte[] secret;
    private static String alicePrivate;

    @BeforeAll
    static void start() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        CommandLine.requireInstalled("openstack", "python3-openstackclient");
        keystone = KeystoneServer.fromSuite();
        String alpha = keystone.project("alpha");
        String beta = keystone.project("beta");
        String gamma = keystone.project("gamma");
        String ops = keystone.project("ops");
        String services = keystone.project("service");
        alice = keystone.user("alice", "alpha", alpha, "member");
        rita = keystone.user("rita", "alpha", alpha, "reader");
        bob = keystone.user("bob", "beta", beta, "member");
        carol = keystone.user("carol", "gamma", gamma, "member");
        ada = keystone.user("ada", "ops", ops, "admin");
        KeystoneServer.User service = keystone.user("glance", "service", services, "service");
        Path protections = work.resolve("property-protections.conf");
        Files.writeString(protections, """
                [^x_billing_]
                create = admin
                read = admin,member,reader
                update = admin
                delete = admin

                [.*]
                create = @
                read = @
                update = @
                delete = @
                """);
        glance = GlanceProcess.start(work.resolve("glance"), "--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", keystone.authUrl,
                "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project(),
                "--oslo_policy.enforce_new_defaults", "true", "--user_storage_quota", "3MB",
                "--property_protection_file", protections.toString());
        region = keystone.registerImageEndpoint(glance.endpoint());
        home = Files.createDirectories(work.resolve("home"));

        secret = TestFiles.random(70_000);
        Path file = write("alpha-secret.img", secret);
        alicePrivate = created(glanceCli(alice, "image-create", "--name", "alpha-secret", "--visibility", "private",
                "--disk-format", "raw", "--container-format", "bare", "--file", file.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
        if (region != null) {
            keystone.unregisterImageEndpoint(region);
        }
    }

    @Test
    void anotherProjectCannotListShowDownloadPatchTagShareOrDeleteAPrivateImage() throws Exception {
        assertThat(glanceCli(bob, "image-list").requireSuccess().output()).doesNotContain(alicePrivate);
        Path copy = work.resolve("stolen.img");
        List<List<String>> attempts = List.of(
                List.of("image-show", alicePrivate),
                List.of("image-download", "--file", copy.toString(), alicePrivate),
                List.of("image-update", "--name", "mine-now", alicePrivate),
                List.of("image-tag-update", alicePrivate, "stolen"),
                List.of("member-create", alicePrivate, bob.projectId()),
                List.of("image-delete", alicePrivate));
        for (List<String> attempt : attempts) {
            Refusal refused = refusedByGlance(bob, attempt.toArray(String[]::new));
            assertThat(refused.statuses()).as(refused.summary()).isNotEmpty().allMatch(status -> status == 404);
        }
        assertThat(copy).doesNotExist();
        // openstackclient looks the id up as a name too after the 404: a list, answered without the image.
        for (List<String> attempt : List.of(List.of("image", "show", alicePrivate),
                List.of("image", "delete", alicePrivate))) {
            Refusal refused = refusedByOpenstack(bob, attempt.toArray(String[]::new));
            assertThat(refused.statuses()).as(refused.summary()).contains(404).doesNotContain(201, 204);
        }

        // What the clients never send, because their GET came back 404 first: the writes themselves.
        String bobs = keystone.token(bob);
        String image = "/v2/images/" + alicePrivate;
        List<HttpResponse<String>> writes = List.of(
                TokenRequests.send(glance, "PATCH", image, bobs, "application/openstack-images-v2.1-json-patch",
                        "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"mine-now\"}]"),
                TokenRequests.send(glance, "PUT", image + "/tags/stolen", bobs, null, null),
                TokenRequests.send(glance, "POST", image + "/members", bobs, "application/json",
                        "{\"member\":\"" + bob.projectId() + "\"}"),
                TokenRequests.send(glance, "GET", image + "/members", bobs, null, null),
                TokenRequests.send(glance, "PUT", image + "/file", bobs, "application/octet-stream", "overwritten"),
                TokenRequests.send(glance, "POST", image + "/actions/deactivate", bobs, null, null),
                TokenRequests.send(glance, "DELETE", image, bobs, null, null));
        assertThat(writes).allSatisfy(answer -> assertThat(answer.statusCode())
                .as(answer.request().method() + " " + answer.uri().getPath() + ": " + answer.body()).isEqualTo(404));

        JsonNode unchanged = showJson(alice, alicePrivate);
        assertThat(unchanged.path("name").asText()).isEqualTo("alpha-secret");
        assertThat(unchanged.path("status").asText()).isEqualTo("active");
        assertThat(unchanged.path("tags")).isEmpty();
        assertThat(download(alice, alicePrivate)).isEqualTo(secret);
    }

    @Test
    void aMemberSeesASharedImageOnlyAfterAcceptingAndCannotAddMembers() throws Exception {
        String shared = created(glanceCli(alice, "image-create", "--name", "alpha-shared", "--visibility", "shared",
                "--disk-format", "raw", "--container-format", "bare"));
        assertThat(glanceCli(alice, "member-create", shared, bob.projectId()).requireSuccess().output())
                .contains("pending");

        assertThat(glanceCli(bob, "image-list").requireSuccess().output()).doesNotContain(shared);
        assertThat(glanceCli(bob, "image-list", "--member-status", "pending").requireSuccess().output())
                .contains(shared);
        assertThat(glanceCli(bob, "member-update", shared, bob.projectId(), "accepted").requireSuccess().output())
                .contains("accepted");
        assertThat(glanceCli(bob, "image-list").requireSuccess().output()).contains(shared);

        Refusal addsMember = refusedByGlance(bob, "member-create", shared, carol.projectId());
        assertThat(addsMember.statuses()).as(addsMember.summary()).endsWith(403);
        HttpResponse<String> members = TokenRequests.send(glance, "GET", "/v2/images/" + shared + "/members", keystone.token(alice),
                null, null);
        assertThat(members.body()).contains(bob.projectId()).doesNotContain(carol.projectId());
    }

    @Test
    void communityImagesAreFoundByAskingAndPublicOnesOnlyAnAdminMakes() throws Exception {
        String community = created(glanceCli(alice, "image-create", "--name", "alpha-community", "--visibility",
                "community", "--disk-format", "raw", "--container-format", "bare"));
        assertThat(glanceCli(bob, "image-list").requireSuccess().output()).doesNotContain(community);
        assertThat(glanceCli(bob, "image-list", "--visibility", "community").requireSuccess().output())
                .contains(community);
        Refusal changes = refusedByGlance(bob, "image-update", "--name", "bobs", community);
        assertThat(changes.statuses()).as("bob sees it (GET 200), cannot change it").endsWith(200, 403);

        Refusal publicByMember = refusedByGlance(alice, "image-create", "--name", "alpha-public",
                "--visibility", "public", "--disk-format", "raw", "--container-format", "bare");
        assertThat(publicByMember.statuses()).as(publicByMember.summary()).containsExactly(403);
        assertThat(publicByMember.output()).contains("publicize_image");

        String published = created(glanceCli(ada, "image-create", "--name", "ops-public", "--visibility", "public",
                "--disk-format", "raw", "--container-format", "bare"));
        assertThat(glanceCli(bob, "image-list").requireSuccess().output()).contains(published);
        assertThat(openstack(carol, "image", "list", "-f", "value", "-c", "ID").requireSuccess().output())
                .contains(published).doesNotContain(alicePrivate).doesNotContain(community);
    }

    @Test
    void aReaderReadsItsProjectsImagesButCannotWrite() throws Exception {
        assertThat(glanceCli(rita, "image-list").requireSuccess().output()).contains(alicePrivate);
        assertThat(glanceCli(rita, "image-show", alicePrivate).requireSuccess().output()).contains("alpha-secret");
        // Zed's download_image persona is "admin or member and ...": a reader sees the image but not its data.
        Refusal download = refusedByGlance(rita, "image-download", "--file", work.resolve("read.img").toString(),
                alicePrivate);
        assertThat(download.statuses()).as(download.summary()).endsWith(403);
        assertThat(download.output()).contains("download_image");

        for (List<String> attempt : List.of(
                List.of("image-create", "--name", "by-reader", "--disk-format", "raw", "--container-format", "bare"),
                List.of("image-update", "--name", "renamed", alicePrivate),
                List.of("image-delete", alicePrivate))) {
            Refusal refused = refusedByGlance(rita, attempt.toArray(String[]::new));
            assertThat(refused.statuses()).as(refused.summary()).endsWith(403).doesNotContain(201, 204);
        }
        JsonNode unchanged = showJson(alice, alicePrivate);
        assertThat(unchanged.path("name").asText()).isEqualTo("alpha-secret");
        assertThat(unchanged.path("status").asText()).isEqualTo("active");
        assertThat(unchanged.path("tags")).isEmpty();
    }

    @Test
    void anAdminSeesEveryProjectsImages() throws Exception {
        String bobsPrivate = created(glanceCli(bob, "image-create", "--name", "beta-private", "--visibility",
                "private", "--disk-format", "raw", "--container-format", "bare"));
        assertThat(glanceCli(ada, "image-list").requireSuccess().output()).contains(alicePrivate).contains(bobsPrivate);
        assertThat(openstack(ada, "image", "list", "-f", "value", "-c", "ID").requireSuccess().output())
                .contains(alicePrivate).contains(bobsPrivate);
        Path copy = work.resolve("admin.img");
        glanceCli(ada, "image-download", "--file", copy.toString(), alicePrivate).requireSuccess();
        assertThat(Files.readAllBytes(copy)).isEqualTo(secret);
    }

    @Test
    void the129thPropertyTagAndMemberAre413() throws Exception {
        String token = keystone.token(alice);
        ObjectNode body = JSON.createObjectNode().put("name", "alpha-quota").put("visibility", "shared");
        for (int i = 0; i < 128; i++) {
            body.put("key_" + i, "v");
        }
        HttpResponse<String> made = TokenRequests.send(glance, "POST", "/v2/images", token, "application/json", body.toString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = JSON.readTree(made.body()).path("id").asText();
        for (int i = 0; i < 128; i++) {
            assertThat(TokenRequests.send(glance, "PUT", "/v2/images/" + id + "/tags/tag-" + i, token, null, null).statusCode())
                    .isEqualTo(204);
            assertThat(TokenRequests.send(glance, "POST", "/v2/images/" + id + "/members", token, "application/json",
                    "{\"member\":\"project-" + i + "\"}").statusCode()).isEqualTo(200);
        }

        for (Refusal refused : List.of(refusedByGlance(alice, "image-update", "--property", "key_128=v", id),
                refusedByGlance(alice, "image-tag-update", id, "tag-128"),
                refusedByGlance(alice, "member-create", id, "project-128"))) {
            assertThat(refused.statuses()).as(refused.summary()).endsWith(413);
        }
        JsonNode image = showJson(alice, id);
        assertThat(image.has("key_128")).isFalse();
        assertThat(image.path("tags")).hasSize(128);
    }

    @Test
    void anUploadCrossingUserStorageQuotaIs413WithNothingLeftInTheStore() throws Exception {
        Path store = work.resolve("glance").resolve("images");
        String first = created(glanceCli(carol, "image-create", "--name", "gamma-first", "--disk-format", "raw",
                "--container-format", "bare", "--file", write("first.img", TestFiles.random(2 * MIB)).toString()));
        List<Path> before = TestFiles.filesIn(store);

        Refusal over = refusedByGlance(carol, "image-create", "--name", "gamma-second", "--disk-format", "raw",
                "--container-format", "bare", "--file", write("second.img", TestFiles.random(2 * MIB)).toString());
        assertThat(over.statuses()).as(over.summary()).endsWith(413);
        assertThat(TestFiles.filesIn(store)).as("only the images already there, nothing of the refused upload")
                .isEqualTo(before);
        assertThat(showJson(carol, first).path("status").asText()).isEqualTo("active");
        String listed = openstack(carol, "image", "list", "--long", "-f", "json").requireSuccess().output();
        assertThat(listed).as("the refused image is there, queued").contains("gamma-second");
        JsonNode images = JSON.readTree(listed.substring(listed.indexOf('[')));
        assertThat(images).anySatisfy(row -> {
            assertThat(row.path("Name").asText()).isEqualTo("gamma-second");
            assertThat(row.path("Status").asText()).isEqualTo("queued");
        });
    }

    @Test
    void aProtectedPropertyIsRefused403ToARoleTheFileDoesNotAllow() throws Exception {
        Refusal refused = refusedByGlance(alice, "image-create", "--name", "billed", "--property",
                "x_billing_code=42", "--disk-format", "raw", "--container-format", "bare");
        assertThat(refused.statuses()).as(refused.summary()).containsExactly(403);
        assertThat(refused.output()).contains("x_billing_code");

        String billed = created(glanceCli(ada, "image-create", "--name", "billed", "--visibility", "public",
                "--property", "x_billing_code=42", "--disk-format", "raw", "--container-format", "bare"));
        Refusal update = refusedByGlance(alice, "image-update", "--property", "x_billing_code=0", billed);
        assertThat(update.statuses()).as(update.summary()).endsWith(403);
        assertThat(showJson(alice, billed).path("x_billing_code").asText()).isEqualTo("42");
    }

    // ---- the clients, logged in the way an openrc file does it

    private static Map<String, String> openrc(KeystoneServer.User user) {
        Map<String, String> variables = new HashMap<>();
        variables.put("OS_AUTH_URL", keystone.authUrl);
        variables.put("OS_IDENTITY_API_VERSION", "3");
        variables.put("OS_USERNAME", user.name());
        variables.put("OS_PASSWORD", user.password());
        variables.put("OS_PROJECT_NAME", user.project());
        variables.put("OS_USER_DOMAIN_NAME", "Default");
        variables.put("OS_PROJECT_DOMAIN_NAME", "Default");
        variables.put("OS_REGION_NAME", region);
        variables.put("OS_INTERFACE", "public");
        variables.put("OS_IMAGE_API_VERSION", "2");
        return variables;
    }

    private static CommandLine.Result glanceCli(KeystoneServer.User user, String... args) throws Exception {
        return CommandLine.run(home, openrc(user), command("glance", List.of(), args));
    }

    private static CommandLine.Result openstack(KeystoneServer.User user, String... args) throws Exception {
        return CommandLine.run(home, openrc(user), command("openstack", List.of(), args));
    }

    /** A command the client must fail, run with {@code --debug} to learn what glance-api answered. */
    private static Refusal refusedByGlance(KeystoneServer.User user, String... args) throws Exception {
        return Refusal.of(CommandLine.run(home, openrc(user), command("glance", List.of("--debug"), args)));
    }

    private static Refusal refusedByOpenstack(KeystoneServer.User user, String... args) throws Exception {
        return Refusal.of(CommandLine.run(home, openrc(user), command("openstack", List.of("--debug"), args)));
    }

    private static List<String> command(String program, List<String> options, String... args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(options);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A failed client command and the statuses glance-api answered it, in order, read from keystoneauth's debug
     * log: each {@code REQ: curl -g -i -X METHOD URL} line is followed by its {@code RESP: [status]}. Requests to
     * Keystone and the clients' schema downloads are left out.
     */
    private record Refusal(CommandLine.Result result, List<Integer> statuses, String summary) {
        private static final Pattern REQUEST = Pattern.compile("REQ: curl -g -i -X (\\S+) (\\S+)");
        private static final Pattern RESPONSE = Pattern.compile("RESP: \\[(\\d{3})]");

        static Refusal of(CommandLine.Result result) {
            assertThat(result.exitCode()).as(result.output()).isNotZero();
            List<Integer> statuses = new ArrayList<>();
            StringBuilder summary = new StringBuilder(String.join(" ", result.command()));
            String pending = null;
            for (String line : result.output().split("\n")) {
                Matcher request = REQUEST.matcher(line);
                Matcher response = RESPONSE.matcher(line);
                if (request.find()) {
                    boolean counted = request.group(2).startsWith(glance.endpoint() + "/")
                            && !request.group(2).contains("/v2/schemas/");
                    pending = counted ? request.group(1) + " " + request.group(2) : null;
                } else if (pending != null && response.find()) {
                    statuses.add(Integer.parseInt(response.group(1)));
                    summary.append("\n  ").append(pending).append(" -> ").append(response.group(1));
                    pending = null;
                } else if (line.startsWith("HTTP ") || line.contains("Error") && !line.startsWith("DEBUG")) {
                    summary.append("\n  ").append(line);
                }
            }
            return new Refusal(result, statuses, summary.toString());
        }

        String output() {
            return result.output();
        }
    }

    private static String created(CommandLine.Result result) {
        result.requireSuccess();
        Matcher id = ID_ROW.matcher(result.output());
        assertThat(id.find()).as(result.output()).isTrue();
        return id.group(1);
    }

    private static JsonNode showJson(KeystoneServer.User user, String id) throws Exception {
        HttpResponse<String> shown = TokenRequests.send(glance, "GET", "/v2/images/" + id, keystone.token(user), null, null);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return JSON.readTree(shown.body());
    }

    private static byte[] download(KeystoneServer.User user, String id) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(glance.endpoint() + "/v2/images/"
                + id + "/file")).header("X-Auth-Token", keystone.token(user)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static Path write(String name, byte[] data) throws IOException {
        return Files.write(work.resolve(name), data);
    }
}
