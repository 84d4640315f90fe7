package io.glance.client;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API v1 client against a real glance-api process. */
class GlanceV1ClientTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;
    private static GlanceV1Client client;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = GlanceApiProcess.start(dataDir);
        client = GlanceV1Client.create(server.endpoint().resolve("/v1/"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void addsAFileReadsItsMetadataAndDownloadsItVerified() throws Exception {
        Path file = work.resolve("disk.img");
        try (var data = new GeneratedImageData(3 * 1024 * 1024 + 17, 11)) {
            Files.copy(data, file);
        }
        AtomicLong reported = new AtomicLong();
        ImageV1 added = client.add(ImageMetaV1.empty().name("v1-file").diskFormat("raw").containerFormat("bare")
                .isPublic(true).property("Distro", "cirros"), file, (sent, total) -> reported.set(sent));
        assertThat(added.status()).isEqualTo("active");
        assertThat(added.size()).isEqualTo(Files.size(file));
        assertThat(added.checksum()).contains(md5(Files.readAllBytes(file)));
        assertThat(reported.get()).isEqualTo(Files.size(file));

        ImageV1 meta = client.meta(added.id());
        assertThat(meta.name()).contains("v1-file");
        assertThat(meta.isPublic()).isTrue();
        assertThat(meta.diskFormat()).contains("raw");
        assertThat(meta.properties()).containsEntry("distro", "cirros");

        Path copy = work.resolve("copy.img");
        DownloadResult result = client.download(added.id(), copy, ProgressListener.NONE);
        assertThat(result.algorithm()).isEqualTo("md5");
        assertThat(result.bytes()).isEqualTo(Files.size(file));
        assertThat(Files.mismatch(file, copy)).isEqualTo(-1);
    }

    @Test
    void addsAStreamOfUnknownLengthChunked() {
        byte[] data = "chunk00000remainder".getBytes(StandardCharsets.US_ASCII);
        ImageV1 added = client.add(ImageMetaV1.empty().name("v1-chunked"), new ByteArrayInputStream(data), -1,
                ProgressListener.NONE);
        assertThat(added.status()).isEqualTo("active");
        assertThat(added.checksum()).contains(md5(data));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.download(added.id(), out, ProgressListener.NONE);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void aChecksumTheDataDoesNotMatchKillsTheImage() {
        String wrong = md5("invalid".getBytes(StandardCharsets.US_ASCII));
        // Killed images are never listed (Diablo), so the test names the id and asks for it.
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> client.add(ImageMetaV1.empty().field("id", id).name("v1-mismatch").checksum(wrong),
                new ByteArrayInputStream(new byte[]{1, 2, 3}), 3, ProgressListener.NONE))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.serverMessage()).contains(wrong));
        assertThat(client.meta(id).status()).isEqualTo("killed");
        assertThatThrownBy(() -> client.download(id, new ByteArrayOutputStream(), ProgressListener.NONE))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateReplacesSentFieldsAndPurgesPropertiesNotSent() {
        ImageV1 queued = client.add(ImageMetaV1.empty().name("v1-update").property("distro", "ubuntu")
                .property("arch", "x86_64"));
        assertThat(queued.status()).isEqualTo("queued");
        ImageV1 updated = client.update(queued.id(), ImageMetaV1.empty().diskFormat("qcow2")
                .property("arch", "aarch64"));
        assertThat(updated.name()).contains("v1-update");
        assertThat(updated.diskFormat()).contains("qcow2");
        assertThat(updated.properties()).containsEntry("arch", "aarch64").doesNotContainKey("distro");
    }

    @Test
    void listingFiltersAndPages() {
        String name = "v1-page-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            client.add(ImageMetaV1.empty().name(name).isPublic(true));
        }
        List<ImageV1> all = client.list(ImageQueryV1.all().with("name", name));
        assertThat(all).hasSize(3).allSatisfy(image -> assertThat(image.name()).contains(name));
        List<ImageV1> first = client.list(ImageQueryV1.all().with("name", name).limit(2));
        List<ImageV1> rest = client.list(ImageQueryV1.all().with("name", name).limit(2)
                .marker(first.get(1).id()));
        assertThat(first).hasSize(2);
        assertThat(rest).extracting(ImageV1::id).containsExactly(all.get(2).id());
    }

    @Test
    void deleteMakesTheImageGone() {
        ImageV1 image = client.add(ImageMetaV1.empty().name("v1-delete"));
        client.delete(image.id());
        assertThatThrownBy(() -> client.meta(image.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.delete(image.id())).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void membersAreSharedAndListedFromBothSides() {
        ImageV1 image = client.add(ImageMetaV1.empty().name("v1-members").field("owner", "tenant-a"));
        client.addMember(image.id(), "tenant-b", false);
        client.addMember(image.id(), "tenant-c", false);
        assertThat(client.members(image.id())).extracting(MemberV1::id)
                .containsExactlyInAnyOrder("tenant-b", "tenant-c");
        assertThat(client.sharedImages("tenant-b")).extracting(SharedImageV1::imageId).contains(image.id());

        client.replaceMembers(image.id(), List.of(new MemberV1("tenant-d", false)));
        assertThat(client.members(image.id())).extracting(MemberV1::id).containsExactly("tenant-d");
        client.removeMember(image.id(), "tenant-d");
        assertThat(client.members(image.id())).isEmpty();
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
