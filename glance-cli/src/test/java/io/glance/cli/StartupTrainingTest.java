package io.glance.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/glance's AOT cache holds what StartupTraining's commands load: they must run as a user's would, against its
 * canned image service, and not end on an error path (which would train the cache on other classes).
 */
class StartupTrainingTest {
    @Test
    void showAndIndexAnswerFromTheCannedImageService() throws Exception {
        String output = StartupTraining.trainingOutput();

        assertThat(output).contains("Id: 55feef47-f7b5-493e-955a-a998338bd34b", "Name: training", "Status: active",
                "Property 'os_distro': cirros");
        assertThat(output.lines().filter(line -> line.startsWith("55feef47-f7b5-493e-955a-a998338bd34b")))
                .singleElement().asString().contains("training");
    }
}
