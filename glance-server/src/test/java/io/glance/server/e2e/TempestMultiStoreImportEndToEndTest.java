package io.glance.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tempest's multi-store import tests against a glance-api with two file stores: MultiStoresImportImagesTest
 * (glance-direct to all stores and to named stores) and the admin ImportCopyImagesTest (copy-image), which skip
 * themselves on a single store. Same Keystone and tempest.conf as {@link TempestImageApiEndToEndTest}; the listed
 * tests must pass. The store ids sort in configuration order because Tempest's waiter compares the image's
 * {@code stores} with the sorted ids (Glance lists them in location order, as here). ImportImagesTest is left to the
 * single-store run: on several stores its waiter expects the data in every store, but an import without
 * {@code stores} goes to the default one only (in Glance too).
 */
@ResourceLock(SharedResources.KEYSTONE_IMAGE_CATALOG)
class TempestMultiStoreImportEndToEndTest {
    private static final String REGEX = "^tempest\\.api\\.image\\.v2\\.(admin\\.)?test_images\\."
            + "(MultiStoresImportImagesTest|ImportCopyImagesTest)";
    private static final List<String> MUST_PASS = List.of(
            "tempest.api.image.v2.admin.test_images.ImportCopyImagesTest.test_image_copy_image_import",
            "tempest.api.image.v2.test_images.MultiStoresImportImagesTest.test_glance_direct_import_image_to_all_stores",
            "tempest.api.image.v2.test_images.MultiStoresImportImagesTest"
                    + ".test_glance_direct_import_image_to_specific_stores");

    @TempDir
    Path work;

    @Test
    void importTestsPassWithTwoFileStores() throws Exception {
        String keystone = RealServers.require("glance.test.keystone.auth", "Keystone");
        String adminPassword = RealServers.require("glance.test.keystone.admin_key", "Keystone");
        CommandLine.requireInstalled("tempest", "tempest");
        CommandLine.requireInstalled("subunit2csv", "python3-subunit");
        Path out = Files.createDirectories(Path.of("target", "tempest-multistore").toAbsolutePath());
        List<String> options = new ArrayList<>(List.of(TempestImageApiEndToEndTest.withWebDownloadAllowed(
                TempestImageApiEndToEndTest.keystoneAuth(keystone, adminPassword))));
        options.addAll(List.of("--enabled_backends", "cheap:file, fast:file", "--default_backend", "fast",
                "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--cheap.filesystem_store_datadir", work.resolve("cheap").toString()));
        KeystoneAdmin admin = KeystoneAdmin.login(keystone, adminPassword);
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("glance"), options.toArray(String[]::new));
             KeystoneAdmin.Registration ignored = admin.registerImageService(glance.endpoint(), "RegionOne")) {
            TempestWorkspace workspace = TempestWorkspace.create(work.resolve("tempest"), keystone, adminPassword,
                    TempestImageApiEndToEndTest.httpImage());
            int exit = workspace.runTests(REGEX, 2, Duration.ofMinutes(5));
            TempestResults results = workspace.lastResults();
            Files.copy(workspace.dir().resolve("run.log"), out.resolve("run.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            TreeSet<String> missing = results.notPassedAmong(MUST_PASS);
            assertThat(missing).as("Tempest (exit " + exit + ") passed " + results.passed() + ", failed "
                    + results.failed() + "; logs in " + out).isEmpty();
        }
    }
}
