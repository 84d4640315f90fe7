package io.glance.cli;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The md-* commands (python-glanceclient's names), run in-process, against a real glance-api process. */
class MetadefCommandsEndToEndTest {
    private static final String NS = "OS::Java::Cli";

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
        String[] all = Stream.concat(Stream.of("-H", "127.0.0.1", "-p", Integer.toString(server.port())),
                Stream.of(args)).toArray(String[]::new);
        CliRun run = CliRun.run(all);
        assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @Test
    void aNamespaceIsBuiltShownChangedAndDeleted() throws Exception {
        assertThat(glance("md-resource-type-list").out()).as("a fresh server has resource types")
                .contains("OS::Glance::Image");
        assertThat(glance("md-namespace-create", NS, "--display-name", "Java CLI", "--visibility", "public",
                "--description", "made by md-namespace-create").out()).contains("| namespace").contains(NS);
        assertThat(glance("md-namespace-list").out()).contains(NS).contains("OS::Compute::Watchdog");
        assertThat(glance("md-namespace-list", "--resource-types", "OS::Nova::Flavor").out())
                .contains("OS::Compute::Quota").doesNotContain(NS);

        glance("md-property-create", NS, "--name", "cpu_policy", "--title", "CPU policy", "--schema",
                "{\"type\": \"string\", \"enum\": [\"shared\", \"dedicated\"], \"default\": \"shared\"}");
        glance("md-property-update", NS, "cpu_policy", "--title", "Pinning");
        assertThat(glance("md-property-show", NS, "cpu_policy").out()).contains("Pinning").contains("dedicated");
        assertThat(glance("md-property-list", NS).out()).contains("cpu_policy");

        glance("md-object-create", NS, "--name", "CPU Limits", "--schema", "{\"description\": \"quota\", "
                + "\"required\": [\"period\"], \"properties\": {\"period\": {\"title\": \"Period\", \"type\": "
                + "\"integer\", \"minimum\": 1000}}}");
        assertThat(glance("md-object-show", NS, "CPU Limits").out()).contains("[\"period\"]");
        assertThat(glance("md-object-property-show", NS, "CPU Limits", "period").out()).contains("1000");
        glance("md-object-update", NS, "CPU Limits", "--name", "CPU");
        assertThat(glance("md-object-list", NS).out()).contains("CPU").doesNotContain("CPU Limits");

        assertThat(glance("md-tag-create-multiple", NS, "--names", "gold,silver").out()).contains("silver");
        glance("md-tag-create-multiple", NS, "--names", "bronze", "--append");
        glance("md-tag-create", NS, "--name", "iron");
        glance("md-tag-update", NS, "iron", "--name", "steel");
        assertThat(glance("md-tag-list", NS).out()).contains("gold").contains("bronze").contains("steel");
        glance("md-tag-delete", NS, "gold");
        assertThat(glance("md-tag-show", NS, "steel").out()).contains("created_at");

        glance("md-resource-type-associate", NS, "--name", "OS::Glance::Image", "--prefix", "hw_");
        assertThat(glance("md-namespace-resource-type-list", NS).out()).contains("hw_");
        assertThat(glance("--json", "md-namespace-show", NS, "--resource-type", "OS::Glance::Image").out())
                .contains("\"hw_cpu_policy\"");
        glance("md-resource-type-deassociate", NS, "OS::Glance::Image");

        glance("md-namespace-update", NS, "--protected");
        CliRun refused = CliRun.run("-H", "127.0.0.1", "-p", Integer.toString(server.port()), "md-namespace-delete",
                NS);
        assertThat(refused.status()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(refused.err()).contains("protected");
        glance("md-namespace-update", NS, "--protected", "false");
        glance("md-namespace-tags-delete", NS);
        glance("md-namespace-objects-delete", NS);
        glance("md-namespace-properties-delete", NS);
        assertThat(glance("--json", "md-namespace-show", NS).out()).doesNotContain("\"tags\"")
                .contains("\"display_name\" : \"Java CLI\"");
        glance("md-namespace-delete", NS);
        CliRun gone = CliRun.run("-H", "127.0.0.1", "-p", Integer.toString(server.port()), "md-namespace-show", NS);
        assertThat(gone.status()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void aNamespaceIsImportedFromAFile() throws Exception {
        Path file = work.resolve("ns.json");
        Files.writeString(file, "{\"namespace\": \"OS::Java::Import\", \"visibility\": \"public\", \"tags\": "
                + "[{\"name\": \"t\"}], \"properties\": {\"p\": {\"title\": \"P\", \"type\": \"boolean\"}}}");
        assertThat(glance("md-namespace-import", "--file", file.toString()).out()).contains("OS::Java::Import");
        assertThat(glance("md-tag-list", "OS::Java::Import").out()).contains("| t ");
        glance("md-namespace-delete", "OS::Java::Import");
    }
}
