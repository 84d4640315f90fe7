package io.glance.cli;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The glance command, run in-process, against a real glance-api process. */
class GlanceCliEndToEndTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = GlanceApiProcess.start(dataDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun glance(String... args) {
        return glance(new byte[0], args);
    }

    private static CliRun glance(byte[] stdin, String... args) {
        String[] all = Stream.concat(Stream.of("-H", "127.0.0.1", "-p", Integer.toString(server.port())),
                Stream.of(args)).toArray(String[]::new);
        return CliRun.run(stdin, all);
    }

    /** Cactus's functional CLI session (its tests 18 and 19), then details, show, download, clear. */
    @Test
    void theOriginalCommandsInOneSession() throws Exception {
        CliRun empty = glance("index");
        assertThat(empty.status()).isZero();
        assertThat(empty.out()).isEqualTo("No public images found.\n");

        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        CliRun added = glance(data, "add", "name=MyImage", "is_public=True", "os_distro=cirros", "status=active");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.lines()[0]).isEqualTo("Found non-settable field status. Removing.");
        assertThat(added.lines()[1]).startsWith("Added new image with ID: ");
        String id = added.lines()[1].substring("Added new image with ID: ".length());

        CliRun index = glance("index");
        assertThat(index.lines()).hasSize(4);
        assertThat(index.lines()[0]).isEqualTo("Found 1 public images...");
        assertThat(index.lines()[1]).isEqualTo(String.format("%-36s %-30s %-20s %-20s %-14s", "ID", "Name",
                "Disk Format", "Container Format", "Size"));
        assertThat(index.lines()[2]).matches("-{36} -{30} -{20} -{20} -{14}");
        assertThat(index.lines()[3]).isEqualTo(String.format("%-36s %-30s %-20s %-20s %14d", id, "MyImage", "raw",
                "ovf", data.length));

        CliRun privateAdd = glance("add", "name=Private");
        assertThat(privateAdd.status()).isZero();
        assertThat(glance("index").lines()[0]).isEqualTo("Found 1 public images...");
        String privateId = privateAdd.out().strip().substring("Added new image with ID: ".length());
        assertThat(glance("update", privateId, "is_public=True").out())
                .isEqualTo("Updated image " + privateId + "\n");
        assertThat(glance("index").lines()[0]).isEqualTo("Found 2 public images...");

        CliRun details = glance("details");
        assertThat(details.lines()[0]).isEqualTo("Found 2 public images...");
        assertThat(details.lines()[1]).isEqualTo("=".repeat(80));
        assertThat(details.lines()[details.lines().length - 1]).isEqualTo("=".repeat(80));
        assertThat(details.out()).contains("Id: " + id + "\n", "Name: MyImage\n", "Public: Yes\n",
                "Status: active\n", "Size: " + data.length + "\n", "Disk format: raw\n",
                "Container format: ovf\n", "Property 'os_distro': cirros\n", "Status: queued\n");

        CliRun updated = glance("update", id, "name=Renamed", "architecture=x86_64", "size=5");
        assertThat(updated.out()).isEqualTo("Found non-modifiable field size. Removing.\nUpdated image " + id + "\n");
        CliRun show = glance("show", id);
        assertThat(show.out()).startsWith("URI: " + server.endpoint() + "/v2/images/" + id + "\nId: " + id + "\n")
                .contains("Name: Renamed\n", "Property 'architecture': x86_64\n", "Property 'os_distro': cirros\n",
                        "Checksum: " + hex("MD5", data) + "\n");

        Path copy = work.resolve("copy.img");
        CliRun download = glance("download", id, copy.toString());
        assertThat(download.status()).as(download.err()).isZero();
        assertThat(download.out()).isEqualTo("Downloaded image " + id + " to " + copy + ": " + data.length
                + " bytes, sha512 verified\n");
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        CliRun toStdout = glance("download", id);
        assertThat(toStdout.outBytes()).isEqualTo(data);

        CliRun cleared = glance("-v", "clear");
        assertThat(cleared.status()).isZero();
        assertThat(cleared.out()).contains("Deleting image " + id + " \"Renamed\" ... done\n")
                .contains("Deleting image " + privateId + " \"Private\" ... done\n").contains("Completed in ");
        assertThat(glance("index").out()).isEqualTo("No public images found.\n");
    }

    @Test
    void deleteAndNotFound() {
        String id = addedId(glance("add", "name=ToDelete"));
        assertThat(glance("delete", id).out()).isEqualTo("Deleted image " + id + "\n");
        CliRun again = glance("delete", id);
        assertThat(again.status()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(again.err()).isEqualTo("No image with ID " + id + " was found\n");
        assertThat(glance("show", id).status()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(glance("update", id, "a=b").status()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void deleteAsksOnATerminalUnlessForced() {
        String id = addedId(glance("add", "name=Asked"));
        String[] endpoint = {"-H", "127.0.0.1", "-p", Integer.toString(server.port())};
        CliRun refused = CliRun.run(true, "n\n".getBytes(), concat(endpoint, "delete", id));
        assertThat(refused.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("Delete image " + id + "? [y/N] ");
        assertThat(refused.out()).isEqualTo("Not deleting image " + id + "\n");
        assertThat(CliRun.run(true, "y\n".getBytes(), concat(endpoint, "delete", id)).out())
                .isEqualTo("Deleted image " + id + "\n");
        String forced = addedId(glance("add", "name=Forced"));
        CliRun deleted = CliRun.run(true, new byte[0], concat(endpoint, "delete", "-f", forced));
        assertThat(deleted.err()).isEmpty();
        assertThat(deleted.out()).isEqualTo("Deleted image " + forced + "\n");
    }

    @Test
    void jsonOutput() {
        String id = addedId(glance("add", "name=Json", "os_distro=debian"));
        CliRun show = glance("show", "--json", id);
        assertThat(show.out()).startsWith("{\n").contains("\"id\" : \"" + id + "\"", "\"os_distro\" : \"debian\"");
    }

    /**
     * bin/glance calls System.exit right after a run, and HotSpot's exit waits up to 0.3 s for a thread in native
     * code such as the HttpClient's selector in epoll_wait (bench/README.md, cli-start): a run ends it first.
     */
    @Test
    void aRunLeavesNoHttpClientSelectorThreadRunning() {
        String id = addedId(glance("add", "name=Threads"));
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        CliRun show = glance("show", id);
        assertThat(show.status()).as(show.err()).isZero();
        assertThat(show.out()).contains("Id: " + id + "\n", "Name: Threads\n");
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread))
                .extracting(Thread::getName).noneMatch(name -> name.endsWith("SelectorManager"));
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }

    @Test
    void usageErrorsAndConnectionFailure() {
        CliRun unknown = glance("frobnicate");
        assertThat(unknown.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).isEqualTo("Unknown command: frobnicate\n");
        CliRun noName = glance("add", "disk_format=raw");
        assertThat(noName.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(noName.err()).isEqualTo("Please specify a name for the image using name=VALUE\n");
        assertThat(glance("add", "name").err())
                .isEqualTo("Arguments should be in the form of field=value. You specified name.\n");
        CliRun help = CliRun.run();
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: glance", "index", "Exit status:");
        assertThat(CliRun.run("help", "add").out()).contains("Usage: glance add", "name=VALUE");

        CliRun refused = CliRun.run("--url", "http://127.0.0.1:1", "index");
        assertThat(refused.status()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(refused.err()).isEqualTo(
                "Failed to connect to the Glance API server 127.0.0.1:1. Is the server running?\n");
    }

    @Test
    void dryRunChangesNothing() {
        CliRun dry = glance("--dry-run", "add", "name=Dry", "os_distro=x");
        assertThat(dry.out()).isEqualTo("Dry run. We would have done the following:\nAdd new image with metadata:\n"
                + String.format(" %30s => %s%n %30s => %s%n %30s => %s%n %30s => %s%n", "container_format", "ovf",
                        "disk_format", "raw", "name", "Dry", "os_distro", "x"));
        assertThat(glance("--json", "index", "name=Dry", "visibility=all").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void wrongStateIsAConflict() {
        String id = addedId(glance("add", "name=Twice", "container_format=bare"));
        CliRun first = glance(new byte[] {1, 2, 3}, "upload", id);
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("Uploaded image " + id + ": 3 bytes\n");
        CliRun second = glance(new byte[] {1, 2, 3}, "upload", id);
        assertThat(second.status()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(second.err()).contains("409");
    }

    @Test
    void aCorruptDownloadExitsWith6AndLeavesNoFile() throws Exception {
        byte[] data = "some image bytes".getBytes();
        String id = addedId(glance(data, "add", "name=Corrupt"));
        Path stored;
        try (Stream<Path> files = Files.walk(dataDir)) {
            stored = files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(id))
                    .findFirst().orElseThrow();
        }
        data[0] ^= 1;
        Files.write(stored, data);
        Path target = work.resolve("corrupt.img");
        CliRun download = glance("download", id, target.toString());
        assertThat(download.status()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(download.err()).startsWith("Corrupt image download: sha512 of image " + id);
        assertThat(target).doesNotExist();
    }

    @Test
    void tagsAndMembers() {
        String id = addedId(glance("add", "name=Shared", "visibility=shared"));
        assertThat(glance("tags", id, "add", "gold", "x86").status()).isZero();
        assertThat(glance("tags", id, "remove", "x86").out()).isEqualTo("Removed tag x86 from image " + id + "\n");
        assertThat(glance("tags", id).out()).isEqualTo("gold\n");
        assertThat(glance("members", id, "add", "project-b").out())
                .isEqualTo("Added member project-b to image " + id + "\n");
        assertThat(glance("members", id, "add", "project-b").status()).isEqualTo(ExitCodes.CONFLICT);
        CliRun members = glance("members", id);
        assertThat(members.lines()[2]).startsWith("project-b").contains("pending");
        assertThat(glance("members", id, "remove", "project-b").status()).isZero();
        assertThat(glance("members", id).out()).isEqualTo("No members for image " + id + "\n");
    }

    static String addedId(CliRun run) {
        assertThat(run.status()).as(run.err()).isZero();
        String line = run.out().lines().filter(l -> l.startsWith("Added new image with ID: ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.out()));
        return line.substring("Added new image with ID: ".length());
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
