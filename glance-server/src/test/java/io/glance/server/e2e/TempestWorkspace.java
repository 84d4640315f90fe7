package io.glance.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Tempest workspace ({@code tempest init}) with a tempest.conf for an image service found in Keystone's catalog,
 * and the runs made in it. Tempest makes its own users and projects with the admin credentials (dynamic
 * credentials) and removes them afterwards; its own log stays in the workspace ({@code tempest.log}, {@code run.log}).
 */
final class TempestWorkspace {
    private final Path dir;
    private final Path home;

    private TempestWorkspace(Path dir, Path home) {
        this.dir = dir;
        this.home = home;
    }

    /**
     * @param keystoneV3    Keystone's v3 URL
     * @param adminPassword the bootstrapped admin's password (user and project {@code admin}, domain Default)
     * @param httpImage     what web-download and location tests fetch: a URL on this machine
     */
    static TempestWorkspace create(Path dir, String keystoneV3, String adminPassword, String httpImage)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-home"));
        if (Files.exists(dir)) {
            throw new IllegalStateException("Tempest workspace " + dir + " exists already");
        }
        TempestWorkspace workspace = new TempestWorkspace(dir, home);
        workspace.run(List.of("tempest", "init", dir.toString()), dir.getParent(), Duration.ofMinutes(2),
                dir.resolveSibling("tempest-init.log"));
        Files.writeString(dir.resolve("etc/tempest.conf"), config(dir, keystoneV3, adminPassword, httpImage));
        return workspace;
    }

    /**
     * Image feature flags as a Glance Zed installed with its defaults: the import methods glance-direct,
     * web-download and copy-image enabled, {@code os_glance_*} reserved, {@code show_multiple_locations} off, no image
     * cache configured.
     */
    private static String config(Path dir, String keystoneV3, String adminPassword, String httpImage) {
        return """
                [DEFAULT]
                log_dir = %s
                log_file = tempest.log

                [auth]
                use_dynamic_credentials = true
                create_isolated_networks = false
                admin_username = admin
                admin_password = %s
                admin_project_name = admin
                admin_domain_name = Default
                default_credentials_domain_name = Default

                [identity]
                uri_v3 = %s
                auth_version = v3
                region = RegionOne

                [identity-feature-enabled]
                api_v2 = false
                api_v3 = true

                [service_available]
                glance = true
                nova = false
                neutron = false
                cinder = false
                swift = false

                [image]
                image_caching_enabled = true
                http_image = %s
                build_timeout = 60

                [image-feature-enabled]
                api_v2 = true
                api_v1 = false
                import_image = true
                os_glance_reserved = true
                manage_locations = false
                """.formatted(dir, adminPassword, keystoneV3, httpImage);
    }

    Path dir() {
        return dir;
    }

    /** {@code tempest run --regex REGEX --concurrency N}; its output goes to run.log. Returns the exit code. */
    int runTests(String regex, int concurrency, Duration timeout) throws IOException, InterruptedException {
        return run(List.of("tempest", "run", "--regex", regex, "--concurrency", Integer.toString(concurrency)), dir,
                timeout, dir.resolve("run.log"));
    }

    /** The last run's results: {@code stestr last --subunit | subunit2csv}. */
    TempestResults lastResults() throws IOException, InterruptedException {
        Path subunit = dir.resolve("last.subunit");
        Path csv = dir.resolve("last.csv");
        ProcessBuilder last = builder(List.of("stestr", "last", "--subunit"), dir).redirectOutput(subunit.toFile())
                .redirectError(dir.resolve("stestr-last.log").toFile());
        await(last.start(), Duration.ofMinutes(1), "stestr last");
        ProcessBuilder toCsv = builder(List.of("subunit2csv"), dir).redirectInput(subunit.toFile())
                .redirectOutput(csv.toFile()).redirectError(dir.resolve("subunit2csv.log").toFile());
        // Like subunit's other filters, subunit2csv exits 1 when the stream holds a failure: only no CSV is an error.
        await(toCsv.start(), Duration.ofMinutes(1), "subunit2csv");
        if (Files.size(csv) == 0) {
            throw new IllegalStateException("subunit2csv wrote nothing from " + subunit + ": "
                    + Files.readString(dir.resolve("subunit2csv.log")) + Files.readString(dir.resolve("stestr-last.log")));
        }
        return TempestResults.parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
    }

    private int run(List<String> command, Path workDir, Duration timeout, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = builder(command, workDir).redirectErrorStream(true).redirectOutput(log.toFile());
        return await(builder.start(), timeout, String.join(" ", command));
    }

    private ProcessBuilder builder(List<String> command, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(GlanceProcess.cleanEnvironment(home));
        return builder;
    }

    private static int await(Process process, Duration timeout, String what)
            throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(what + " did not finish within " + timeout);
        }
        return process.exitValue();
    }
}
