package io.glance.server.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.fail;

/**
 * OpenStack's conformance suite for the Images API: Tempest 33 (Debian's {@code tempest}) runs
 * {@code tempest.api.image.v2} against a real glance-api registered as the {@code image} service in the Keystone
 * bin/test starts, with dynamic credentials (Tempest makes its own projects and users as the cloud admin).
 * <p>
 * Every test listed in {@code src/test/resources/tempest/expected-pass.txt} must pass, or this test fails; the rest
 * may fail. {@code zed-pass.txt} lists what Glance Zed passes with the same tempest.conf behind the same Keystone, so
 * the summary shows the distance. The summary (ran/passed/skipped/failed, the failures, tests that pass but are not
 * listed yet) goes to {@code target/tempest/summary.txt}, which bin/test prints, and into the failure message.
 * <p>
 * glance-api runs with {@code auth_strategy: keystone} and its image cache on: it validates Tempest's tokens with the same Keystone (the
 * bootstrapped admin is its service user), so projects, owners, members and admin rights are real.
 */
@Order(1) // the longest class: started first (junit-platform.properties)
@ResourceLock(SharedResources.KEYSTONE_IMAGE_CATALOG)
class TempestImageApiEndToEndTest {
    private static final String REGEX = "^tempest.api.image.v2";
    private static final int CONCURRENCY = 2;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path work;

    @Test
    void tempestImageV2PassesEveryExpectedTest() throws Exception {
        String keystone = RealServers.require("glance.test.keystone.auth", "Keystone");
        String adminPassword = RealServers.require("glance.test.keystone.admin_key", "Keystone");
        CommandLine.requireInstalled("tempest", "tempest");
        CommandLine.requireInstalled("subunit2csv", "python3-subunit");
        TreeSet<String> expected = testList("expected-pass.txt");
        TreeSet<String> zed = testList("zed-pass.txt");
        Path out = Files.createDirectories(Path.of("target", "tempest").toAbsolutePath());
        Files.deleteIfExists(out.resolve("summary.txt"));

        KeystoneAdmin admin = KeystoneAdmin.login(keystone, adminPassword);
        List<String> others = admin.imageServices();
        if (!others.isEmpty()) {
            fail("Keystone's catalog already has an image service " + others + ": Tempest would test that one "
                    + "(it takes the first of the type); a test left it behind");
        }
        int port = GlanceProcess.reservedPort();
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("glance"), port,
                withGlanceDownloadFromItself(withWebDownloadAllowed(keystoneAuth(keystone, adminPassword)), port));
             KeystoneAdmin.Registration ignored = admin.registerImageService(glance.endpoint(), "RegionOne")) {
            TempestWorkspace workspace = TempestWorkspace.create(work.resolve("tempest"), keystone, adminPassword,
                    httpImage());
            long started = System.nanoTime();
            int exit = workspace.runTests(REGEX, CONCURRENCY, TIMEOUT);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            copyLogs(workspace.dir(), out);
            TempestResults results = workspace.lastResults();
            if (results.ran() == 0) {
                fail("Tempest ran nothing (exit " + exit + "); its output:\n" + Files.readString(out.resolve("run.log")));
            }
            String summary = summary(results, expected, zed, seconds);
            Files.writeString(out.resolve("summary.txt"), summary);
            TreeSet<String> regressions = results.notPassedAmong(expected);
            if (!regressions.isEmpty()) {
                fail(regressions.size() + " test(s) of tempest/expected-pass.txt did not pass (logs in " + out
                        + "):\n" + summary);
            }
        }
    }

    private static String summary(TempestResults results, Collection<String> expected, Collection<String> zed,
                                  long seconds) {
        StringBuilder text = new StringBuilder();
        text.append("Tempest ").append(REGEX)
                .append(" against glance-api (auth_strategy keystone) in Keystone's catalog\n");
        text.append("  command: tempest run --regex '").append(REGEX).append("' --concurrency ").append(CONCURRENCY)
                .append(" (").append(seconds).append(" s)\n");
        text.append("  ran ").append(results.ran()).append(", passed ").append(results.passed().size())
                .append(", skipped ").append(results.skipped().size()).append(", failed ")
                .append(results.failed().size()).append('\n');
        section(text, "did not pass though listed in tempest/expected-pass.txt (" + expected.size() + " listed)",
                results.notPassedAmong(expected));
        TreeSet<String> unlisted = new TreeSet<>(results.passed());
        unlisted.removeAll(expected);
        section(text, "pass but are not listed in tempest/expected-pass.txt yet", unlisted);
        section(text, "failed", results.failed());
        section(text, "Glance Zed passes " + zed.size() + " (tempest/zed-pass.txt); of those, not passing here",
                results.notPassedAmong(zed));
        return text.toString();
    }

    /**
     * Glance's keystone_authtoken options for the suite's Keystone, with its admin as glance's service user; and the
     * image cache on, for Tempest's cache tests ({@code image_caching_enabled = true} in tempest.conf).
     */
    static String[] keystoneAuth(String keystoneV3, String adminPassword) {
        String base = keystoneV3.replaceFirst("/v3/?$", "");
        return new String[] {"--auth_strategy", "keystone", "--keystone_authtoken.auth_url", base,
            "--keystone_authtoken.www_authenticate_uri", base, "--keystone_authtoken.username", "admin",
            "--keystone_authtoken.password", adminPassword, "--keystone_authtoken.project_name", "admin",
            "--keystone_authtoken.user_domain_name", "Default", "--keystone_authtoken.project_domain_name", "Default",
            "--image_cache_enabled", "true"};
    }

    /**
     * web-download's filter lets in the suite's nginx, as an operator would list a local mirror: it is on loopback
     * and on a port other than 80 and 443, both refused by default.
     */
    static String[] withWebDownloadAllowed(String[] options) {
        String base = System.getProperty("glance.test.http.base", "");
        if (base.isBlank()) {
            return options;
        }
        java.net.URI uri = java.net.URI.create(base);
        List<String> all = new java.util.ArrayList<>(List.of(options));
        all.addAll(List.of("--import_filtering_opts.allowed_hosts", uri.getHost(),
                "--import_filtering_opts.allowed_ports", Integer.toString(uri.getPort())));
        return all.toArray(String[]::new);
    }

    /**
     * glance-download enabled besides Zed's default methods. Tempest's {@code test_image_glance_download_import_success}
     * imports from the region its own client uses, so the source is this glance-api itself, reached through the
     * catalog's public endpoint: its loopback port is allowed in {@code import_filtering_opts} (127.0.0.1 already is,
     * for nginx), as an operator allows a Glance in another region.
     */
    static String[] withGlanceDownloadFromItself(String[] options, int glancePort) {
        List<String> all = new java.util.ArrayList<>(List.of(options));
        int ports = all.indexOf("--import_filtering_opts.allowed_ports");
        if (ports >= 0) {
            all.set(ports + 1, all.get(ports + 1) + "," + glancePort);
        } else {
            all.addAll(List.of("--import_filtering_opts.allowed_hosts", "127.0.0.1",
                    "--import_filtering_opts.allowed_ports", Integer.toString(glancePort)));
        }
        all.addAll(List.of("--enabled_import_methods", "glance-direct,web-download,copy-image,glance-download"));
        return all.toArray(String[]::new);
    }

    private static void section(StringBuilder text, String title, Collection<String> ids) {
        text.append("  ").append(title).append(": ").append(ids.size()).append('\n');
        ids.forEach(id -> text.append("    ").append(id).append('\n'));
    }

    /** One test id per line, sorted by convention; blank lines and {@code #} comments ignored. */
    private static TreeSet<String> testList(String name) throws IOException {
        try (InputStream in = TempestImageApiEndToEndTest.class.getResourceAsStream("/tempest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource tempest/" + name + " is missing");
            }
            TreeSet<String> ids = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(TempestResults.withoutAttributes(id));
                }
            }
            return ids;
        }
    }

    /** A small file nginx serves, when bin/test started nginx; web-download tests fetch it. */
    static String httpImage() throws IOException {
        String base = System.getProperty("glance.test.http.base", "");
        String docroot = System.getProperty("glance.test.http.docroot", "");
        if (base.isBlank() || docroot.isBlank()) {
            return "http://127.0.0.1:9/no-http-image";
        }
        Path image = Path.of(docroot, "tempest-http-image.img");
        if (!Files.exists(image)) {
            Files.write(image, new byte[64 * 1024]);
        }
        return base + "/tempest-http-image.img";
    }

    private static void copyLogs(Path workspace, Path out) throws IOException {
        for (String log : List.of("run.log", "tempest.log", "etc/tempest.conf")) {
            Path from = workspace.resolve(log);
            if (Files.exists(from)) {
                Files.copy(from, out.resolve(from.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
