package io.glance.client;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real glance-api process. */
class GlanceClientTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;
    private static GlanceClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = GlanceApiProcess.start(dataDir);
        client = GlanceClient.create(server.endpoint().resolve("/v2/"), "any-token");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsShowsAndDeletes() {
        Image created = client.create(NewImage.named("cirros").diskFormat("qcow2").containerFormat("bare")
                .visibility("private").property("os_distro", "cirros").tag("gold").minRam(64));
        assertThat(created.status()).isEqualTo("queued");
        assertThat(created.properties()).containsEntry("os_distro", "cirros");
        Image shown = client.show(created.id());
        assertThat(shown.name()).contains("cirros");
        assertThat(shown.diskFormat()).contains("qcow2");
        assertThat(shown.visibility()).isEqualTo("private");
        assertThat(shown.tags()).containsExactly("gold");
        assertThat(shown.minRam()).isEqualTo(64);

        client.delete(created.id());
        assertThatThrownBy(() -> client.show(created.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.serverMessage()).contains(created.id());
                });
    }

    @Test
    void errorsAreTypedAndCarryTheServersMessage() {
        assertThatThrownBy(() -> client.create(NewImage.named("x").diskFormat("floppy")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.serverMessage()).isNotBlank()
                        .doesNotContain("<"));
        Image image = client.create(NewImage.named("conflicts"));
        assertThatThrownBy(() -> client.update(image.id(), List.of(PatchOperation.remove("no_such_key"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("409");
        assertThatThrownBy(() -> client.update(image.id(), List.of(PatchOperation.replace("status", "active"))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> client.download(image.id(), new ByteArrayOutputStream(), ProgressListener.NONE))
                .isInstanceOf(ImageHasNoDataException.class);
        // no formats yet: an upload is refused
        assertThatThrownBy(() -> client.upload(image.id(), new ByteArrayInputStream(new byte[10]), 10,
                ProgressListener.NONE)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void connectionFailureIsTyped() throws Exception {
        GlanceClient nowhere = GlanceClient.create(java.net.URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> nowhere.show(UUID.randomUUID().toString()))
                .isInstanceOf(GlanceConnectionException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void patchesAddReplaceRemoveAndTagsAndActions() throws Exception {
        Image image = client.create(NewImage.named("patched").diskFormat("raw").containerFormat("bare"));
        Image updated = client.update(image.id(), List.of(PatchOperation.add("os_distro", "debian"),
                PatchOperation.add("architecture", "x86_64"), PatchOperation.replace("name", "renamed")));
        assertThat(updated.name()).contains("renamed");
        assertThat(updated.properties()).containsEntry("os_distro", "debian").containsEntry("architecture", "x86_64");
        updated = client.update(image.id(), List.of(PatchOperation.replace("os_distro", "ubuntu"),
                PatchOperation.remove("architecture")));
        assertThat(updated.properties()).containsEntry("os_distro", "ubuntu").doesNotContainKey("architecture");

        client.addTag(image.id(), "a b");
        client.addTag(image.id(), "c");
        client.removeTag(image.id(), "c");
        assertThat(client.show(image.id()).tags()).containsExactly("a b");

        client.upload(image.id(), new ByteArrayInputStream(new byte[1000]), -1, ProgressListener.NONE);
        client.deactivate(image.id());
        assertThat(client.show(image.id()).status()).isEqualTo("deactivated");
        client.reactivate(image.id());
        assertThat(client.show(image.id()).status()).isEqualTo("active");
    }

    @Test
    void members() {
        Image image = client.create(NewImage.named("shared").visibility("shared"));
        Member added = client.addMember(image.id(), "project-b");
        assertThat(added.status()).isEqualTo("pending");
        assertThat(client.members(image.id())).extracting(Member::memberId).containsExactly("project-b");
        assertThat(client.member(image.id(), "project-b").imageId()).isEqualTo(image.id());
        assertThatThrownBy(() -> client.addMember(image.id(), "project-b")).isInstanceOf(ConflictException.class);
        client.removeMember(image.id(), "project-b");
        assertThat(client.members(image.id())).isEmpty();
    }

    @Test
    void listsFollowNextLinksLazily() {
        String tag = "page-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(client.create(NewImage.named("listed-" + i).tag(tag)).id());
        }
        try (Stream<Image> images = client.list(ImageQuery.all().tag(tag).sort("name", "asc").pageSize(2))) {
            assertThat(images.map(Image::id).toList()).containsExactlyElementsOf(ids);
        }
        assertThat(client.list(ImageQuery.all().tag(tag).filter("name", "listed-3")).map(Image::id))
                .containsExactly(ids.get(3));
    }

    @Test
    void uploadsAFileAndDownloadsItVerified() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path source = Files.write(work.resolve("disk.img"), data);
        Image image = client.create(NewImage.named("file").diskFormat("raw").containerFormat("bare"));
        List<long[]> uploadProgress = new ArrayList<>();
        client.upload(image.id(), source, (done, total) -> uploadProgress.add(new long[] {done, total}));
        assertThat(uploadProgress).isNotEmpty();
        assertThat(uploadProgress.getLast()).containsExactly(data.length, data.length);

        Image active = client.show(image.id());
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.size()).contains((long) data.length);
        assertThat(active.checksum()).contains(hex("MD5", data));
        assertThat(active.osHashValue()).as("the server's sha512 of what the sendfile upload sent")
                .contains(hex("SHA-512", data));

        AtomicLong lastTotal = new AtomicLong();
        Path target = work.resolve("copy.img");
        DownloadResult result = client.download(image.id(), target, (done, total) -> lastTotal.set(total));
        assertThat(result.algorithm()).isEqualTo("sha512");
        assertThat(result.digest()).isEqualTo(hex("SHA-512", data));
        assertThat(result.bytes()).isEqualTo(data.length);
        assertThat(lastTotal).hasValue(data.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void aFileUploadTheServerRefusesFailsWithItsTypedErrorAndTheImageKeepsItsData() throws Exception {
        byte[] first = new byte[2 * 1024 * 1024 + 3];
        new Random(9).nextBytes(first);
        Path source = Files.write(work.resolve("first.img"), first);
        Image image = client.create(NewImage.named("uploaded-twice").diskFormat("raw").containerFormat("bare"));
        client.upload(image.id(), source, ProgressListener.NONE);
        Path second = Files.write(work.resolve("second.img"), new byte[1024 * 1024]);

        assertThatThrownBy(() -> client.upload(image.id(), second, ProgressListener.NONE))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.serverMessage()).isNotBlank();
                });
        Image kept = client.show(image.id());
        assertThat(kept.status()).isEqualTo("active");
        assertThat(kept.size()).contains((long) first.length);
        assertThat(kept.osHashValue()).contains(hex("SHA-512", first));
    }

    @Test
    void aCorruptDownloadIsRejectedAndThePartialFileDeleted() throws Exception {
        byte[] data = "the original bytes of a tiny image".getBytes();
        Image image = client.create(NewImage.named("corrupt").diskFormat("raw").containerFormat("bare"));
        client.upload(image.id(), new ByteArrayInputStream(data), data.length, ProgressListener.NONE);
        Path stored = storedFile(image.id());
        byte[] corrupted = data.clone();
        corrupted[0] ^= 1;
        Files.write(stored, corrupted);

        Path target = work.resolve("corrupt.img");
        assertThatThrownBy(() -> client.download(image.id(), target, ProgressListener.NONE))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.algorithm()).isEqualTo("sha512");
                    assertThat(e.expected()).isEqualTo(hex("SHA-512", data));
                    assertThat(e.actual()).isEqualTo(hex("SHA-512", corrupted));
                });
        assertThat(target).doesNotExist();
    }

    private static Path storedFile(String imageId) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(imageId))
                    .findFirst().orElseThrow(() -> new AssertionError("no stored file for " + imageId));
        }
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

}
