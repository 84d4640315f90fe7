package io.glance.server.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Tempest's results as subunit2csv writes them (lines taken from a real run). */
class TempestResultsTest {
    private static final String CSV = """
            test,status,start_time,stop_time
            setUpClass (tempest.api.image.v2.admin.test_image_caching.ImageCachingTest),skip,2026-12-06 20:13:14.347951+00:00,2026-12-06 20:13:14.347951+00:00
            tempest.api.image.v2.admin.test_images_metadefs_namespace_objects.MetadataNamespaceObjectsTest.test_list_meta_namespace_objects[id-ff4f7a5e-8e0a-4b2b-9d43-7b1e4a4c2e0d],failure,2026-12-06 20:13:32.310117+00:00,2026-12-06 20:13:33.102717+00:00
            "tempest.api.image.v2.test_images.BasicOperationsImagesTest.test_delete_image[id-f848bb94-1c6e-45a4-8726-39e3a5b23535,smoke]",success,2026-12-06 20:15:04.958448+00:00,2026-12-06 20:15:05.382947+00:00
            tempest.api.image.v2.test_versions.VersionsTest.test_list_versions[id-659cd4a1-d7a5-4a49-8d7e-4a5d3ebd5f36],success,2026-12-06 20:15:06.1+00:00,2026-12-06 20:15:06.2+00:00
            """;

    @Test
    void countsLikeTempestAndDropsTheIdAttributes() {
        TempestResults results = TempestResults.parseCsv(CSV);
        assertThat(results.ran()).isEqualTo(4);
        assertThat(results.passed()).containsExactly(
                "tempest.api.image.v2.test_images.BasicOperationsImagesTest.test_delete_image",
                "tempest.api.image.v2.test_versions.VersionsTest.test_list_versions");
        assertThat(results.skipped()).containsExactly(
                "setUpClass (tempest.api.image.v2.admin.test_image_caching.ImageCachingTest)");
        assertThat(results.failed()).containsExactly("tempest.api.image.v2.admin.test_images_metadefs_namespace_objects"
                + ".MetadataNamespaceObjectsTest.test_list_meta_namespace_objects");
    }

    @Test
    void anExpectedTestThatFailedOrNeverRanIsNotPassed() {
        TempestResults results = TempestResults.parseCsv(CSV);
        String passing = "tempest.api.image.v2.test_versions.VersionsTest.test_list_versions";
        String failing = "tempest.api.image.v2.admin.test_images_metadefs_namespace_objects"
                + ".MetadataNamespaceObjectsTest.test_list_meta_namespace_objects";
        String absent = "tempest.api.image.v2.test_images_member.ImagesMemberTest.test_image_share_accept";
        assertThat(results.notPassedAmong(List.of(passing, failing, absent))).containsExactly(failing, absent);
    }

    @Test
    void aLineWithoutStatusIsRefusedNamingIt() {
        assertThatThrownBy(() -> TempestResults.parseCsv("test,status\nbroken-line\n"))
                .hasMessageContaining("line 2").hasMessageContaining("broken-line");
    }
}
