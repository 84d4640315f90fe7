package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.task.Task;
import io.glance.ports.in.CreateImageCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-node staging's application half: the staging node records its {@code worker_self_reference_url} in
 * {@code os_glance_stage_host}; {@link StageHostLookup} names that node to every other node (and to none when the
 * caller cannot see the image); the import drops the property when it starts.
 */
class StageHostTest {
    private final ImportFixture nodeA = new ImportFixture(UploadLimits.defaults(),
            ImportSettings.defaults().withSelfUrl("http://node-a:9292/"));

    @AfterEach
    void close() {
        nodeA.close();
    }

    private ImageId staged() {
        ImageId id = nodeA.services.catalog().create(ALICE, new CreateImageCommand(null, "img", null, null, null,
                null, null, "raw", "bare", null, false, List.of(), Map.of())).id();
        nodeA.imports().stage(ALICE, id, new ByteArrayInputStream(TestData.bytes(1000)), -1);
        return id;
    }

    @Test
    void theStagingNodeRecordsItselfAndOnlyOtherNodesSeeItAsElsewhere() {
        ImageId id = staged();
        Image image = nodeA.stored(id);
        assertThat(image.properties()).containsEntry(ImportProperties.STAGE_HOST, "http://node-a:9292");

        ImageAccess access = new ImageAccess(nodeA.repository, nodeA.repository,
                new ImagePolicy(io.glance.adapters.policy.OsloPolicy.defaults(false)),
                new PropertyAccess(io.glance.ports.out.PropertyProtection.NONE));
        assertThat(new StageHostLookup(access, "http://node-b:9292").stagedElsewhere(ALICE, id))
                .hasValue(URI.create("http://node-a:9292"));
        assertThat(new StageHostLookup(access, null).stagedElsewhere(ALICE, id))
                .hasValue(URI.create("http://node-a:9292"));
        assertThat(nodeA.services.stagingOwner().stagedElsewhere(ALICE, id)).isEmpty();
        // Another project's private image: not visible, so not forwarded either (it gets its 404 where it lands).
        assertThat(new StageHostLookup(access, "http://node-b:9292").stagedElsewhere(BOB, id)).isEmpty();
    }

    @Test
    void theImportDropsTheStageHost() {
        ImageId id = staged();
        Task task = nodeA.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")).orElseThrow();
        nodeA.finished(task);

        assertThat(nodeA.stored(id).properties()).doesNotContainKey(ImportProperties.STAGE_HOST);
        assertThat(nodeA.services.stagingOwner().stagedElsewhere(ALICE, id)).isEmpty();
    }

    @Test
    void withoutASelfUrlNothingIsRecorded() {
        try (ImportFixture shared = new ImportFixture()) {
            ImageId id = shared.services.catalog().create(ALICE, new CreateImageCommand(null, "img", null, null,
                    null, null, null, "raw", "bare", null, false, List.of(), Map.of())).id();
            shared.imports().stage(ALICE, id, new ByteArrayInputStream(TestData.bytes(10)), -1);
            assertThat(shared.stored(id).properties()).doesNotContainKey(ImportProperties.STAGE_HOST);
        }
    }
}
