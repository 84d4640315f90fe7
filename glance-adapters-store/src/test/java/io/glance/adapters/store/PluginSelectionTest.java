package io.glance.adapters.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSelectionTest {

    @Test
    void enabledRestrictsAndDisabledExcludes() {
        assertThat(PluginSelection.all().allows("any")).isTrue();
        assertThat(PluginSelection.only(List.of("a")).allows("a")).isTrue();
        assertThat(PluginSelection.only(List.of("a")).allows("b")).isFalse();
        assertThat(PluginSelection.allExcept(List.of("a")).allows("a")).isFalse();
        assertThat(new PluginSelection(Set.of("a"), Set.of("a")).allows("a")).isFalse();
    }

    @Test
    void readsPf4jFilesIgnoringCommentsAndBlankLines(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("enabled.txt"), "# first-party\nglance-store-filesystem\n\n  s3  \n");
        Files.writeString(directory.resolve("disabled.txt"), "s3\n");

        PluginSelection selection = PluginSelection.fromFiles(directory);

        assertThat(selection.enabled()).containsExactlyInAnyOrder("glance-store-filesystem", "s3");
        assertThat(selection.disabled()).containsExactly("s3");
    }

    @Test
    void missingFilesRestrictNothing(@TempDir Path directory) {
        assertThat(PluginSelection.fromFiles(directory)).isEqualTo(PluginSelection.all());
    }
}
