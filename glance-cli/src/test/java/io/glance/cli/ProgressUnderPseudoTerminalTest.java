package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.Image;
import io.glance.client.NewImage;
import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress bar as a user sees it: the CLI in its own JVM under util-linux {@code script}, which gives it a
 * pseudo-terminal, so the bar is drawn without {@code --progress}.
 */
class ProgressUnderPseudoTerminalTest {
    @Test
    void downloadAndUploadDrawTheBarOnATerminal(@TempDir Path dataDir, @TempDir Path work) throws Exception {
        try (GlanceApiProcess server = GlanceApiProcess.start(dataDir)) {
            byte[] data = new byte[8 << 20];
            new Random(5).nextBytes(data);
            Path source = Files.write(work.resolve("disk.img"), data);
            GlanceClient client = GlanceClient.create(server.endpoint());
            Image image = client.create(NewImage.named("bar").diskFormat("raw").containerFormat("bare"));

            String upload = underPty(work, "--url", server.endpoint().toString(), "upload", image.id(),
                    source.toString());
            assertThat(upload).contains("Uploaded image " + image.id() + ": " + data.length + " bytes");
            assertThat(upload).containsPattern("\r\\[=+\\] 100%  8\\.0 MiB/8\\.0 MiB  [0-9.]+ [KMG]iB/s  ETA 0:00");

            Path copy = work.resolve("copy.img");
            String download = underPty(work, "--url", server.endpoint().toString(), "download", image.id(),
                    copy.toString());
            assertThat(download).containsPattern("\r\\[=+\\] 100%  8\\.0 MiB/8\\.0 MiB  [0-9.]+ [KMG]iB/s  ETA 0:00")
                    .contains("sha512 verified");
            assertThat(Files.readAllBytes(copy)).isEqualTo(data);
            client.delete(image.id());
            assertThat(client.list(io.glance.client.ImageQuery.all().visibility("all")).count()).isZero();
        }
    }

    private static String underPty(Path work, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        StringBuilder command = new StringBuilder("'" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + GlanceCli.class.getName());
        for (String arg : args) {
            command.append(" '").append(arg).append("'");
        }
        Path output = work.resolve("pty-" + System.nanoTime() + ".log");
        Process script = new ProcessBuilder(List.of("script", "-qfec", command.toString(), "/dev/null"))
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        script.getOutputStream().close();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
        String captured = Files.readString(output);
        assertThat(script.exitValue()).as(captured).isZero();
        return captured;
    }
}
