package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoredLocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the orphan sweeper needs from every database ({@link StoredLocations}): locations of images that are not
 * deleted count as referenced ({@code pending_delete} included, the scrubber's), those of deleted images and unknown
 * ones do not; active images come by id, a page at a time, with their locations.
 */
abstract class StoredLocationsContractTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private GlanceDatabase database;

    protected abstract GlanceDatabase openDatabase() throws Exception;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected GlanceDatabase database() {
        return database;
    }

    @Test
    void onlyLocationsOfImagesThatAreNotDeletedAreReferenced() {
        ImageRepository images = database.repository();
        active("10000000-0000-0000-0000-000000000001", "file:///images/live");
        Image gone = active("10000000-0000-0000-0000-000000000002", "file:///images/gone");
        images.update(gone.markDeleted(T0), ImageStatus.ACTIVE);
        Image pending = active("10000000-0000-0000-0000-000000000003", "s3://bucket/pending");
        images.update(pending.markPendingDelete(T0), ImageStatus.ACTIVE);

        Set<String> referenced = database.storedLocations().referenced(List.of("file:///images/live",
                "file:///images/gone", "s3://bucket/pending", "file:///images/never"));

        assertThat(referenced).containsExactlyInAnyOrder("file:///images/live", "s3://bucket/pending");
        assertThat(database.storedLocations().referenced(List.of())).isEmpty();
    }

    @Test
    void activeImagesComeByIdAPageAtATimeWithTheirLocations() {
        active("20000000-0000-0000-0000-000000000003", "file:///images/c");
        active("20000000-0000-0000-0000-000000000001", "file:///images/a");
        active("20000000-0000-0000-0000-000000000002", "file:///images/b");
        database.repository().create(Image.newImage(new ImageId("20000000-0000-0000-0000-000000000004"), T0)
                .build());

        List<Image> first = database.storedLocations().activeAfter("", 2);
        assertThat(first).extracting(image -> image.id().value()).containsExactly(
                "20000000-0000-0000-0000-000000000001", "20000000-0000-0000-0000-000000000002");
        assertThat(first.get(0).locations()).extracting(ImageLocation::url).containsExactly("file:///images/a");
        List<Image> rest = database.storedLocations().activeAfter(first.get(1).id().value(), 2);
        assertThat(rest).extracting(image -> image.id().value())
                .containsExactly("20000000-0000-0000-0000-000000000003");
    }

    private Image active(String id, String url) {
        Image image = Image.newImage(new ImageId(id), T0).diskFormat("raw").containerFormat("bare").build();
        database.repository().create(image);
        Image saving = database.repository().update(image.startUpload(T0), ImageStatus.QUEUED);
        return database.repository().update(saving.completeUpload(10, new ImageChecksums("0".repeat(32),
                ImageChecksums.DEFAULT_HASH_ALGO, "0".repeat(128)), new ImageLocation(url, Map.of()), T0),
                ImageStatus.SAVING);
    }
}
