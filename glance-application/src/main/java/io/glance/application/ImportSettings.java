package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of interoperable import and of tasks.
 *
 * @param enabledMethods  {@code enabled_import_methods}, in the order /v2/info/import lists them
 * @param nodeStagingUri  {@code node_staging_uri}: a {@code file://} URI of an absolute directory, or {@code null}
 *                        for the composition root's default ({@code <data_dir>/staging})
 * @param taskTimeToLive  {@code [task] task_time_to_live}: how long a finished task stays listed
 * @param workerThreads   how many imports run at once; more wait as {@code pending} tasks
 * @param selfUrl         {@code worker_self_reference_url}: the base URL other nodes reach this one at, recorded in
 *                        {@code os_glance_stage_host} of the images this node stages (multi-node staging), or
 *                        {@code null} when every node shares the staging directory
 * @param downloadProperties {@code [glance_download_properties] extra_properties}: the prefixes of the remote image's
 *                        properties glance-download copies (besides the disk and container formats)
 */
public record ImportSettings(List<String> enabledMethods, String nodeStagingUri, Duration taskTimeToLive,
                             int workerThreads, String selfUrl, List<String> downloadProperties) {
    public static final List<String> DEFAULT_DOWNLOAD_PROPERTIES = List.of("hw_", "trait:", "os_distro",
            "os_secure_boot", "os_type");
    public static final List<String> DEFAULT_METHODS = List.of("glance-direct", "web-download", "copy-image");

    public static final Option<List<String>> ENABLED_IMPORT_METHODS = Option.of("enabled_import_methods",
            DEFAULT_METHODS, String.join(",", DEFAULT_METHODS),
            "import methods offered (comma-separated): `glance-direct`, `web-download`, `copy-image`,"
                    + " `glance-download`; empty: none",
            ImportSettings::parseMethods);
    public static final Option<String> NODE_STAGING_URI = Option.of("node_staging_uri", null,
            "`file://<data_dir>/staging`", "where staged data waits for its import: `file://` and an absolute"
                    + " directory", ImportSettings::checkStagingUri);
    public static final Option<Integer> TASK_POOL_THREADS = Option.integer("task_pool_threads", 4, 1, 256,
            "imports that run at once; further ones wait as `pending` tasks");
    public static final Option<Integer> TASK_TIME_TO_LIVE = Option.integer("task_time_to_live", 48, 1,
            Integer.MAX_VALUE, "hours a finished task stays listed (`GET /v2/tasks`, `/v2/images/{id}/tasks`)");
    /** Glance's {@code [task]} section. */
    public static final OptionSection TASK_SECTION = new OptionSection("task", "tasks", List.of(TASK_TIME_TO_LIVE));
    public static final Option<String> WORKER_SELF_REFERENCE_URL = Option.of("worker_self_reference_url", null,
            "none", "this node's own base URL (e.g. `http://node-1:9292`), recorded on the images it stages so that"
                    + " a glance-direct import or a delete arriving at another node is forwarded here; without it all"
                    + " nodes must share `node_staging_uri`", ImportSettings::checkSelfUrl);
    public static final Option<List<String>> EXTRA_PROPERTIES = Option.of("extra_properties",
            DEFAULT_DOWNLOAD_PROPERTIES, String.join(",", DEFAULT_DOWNLOAD_PROPERTIES),
            "prefixes of the properties glance-download copies from the remote image (comma-separated; `os_glance_`"
                    + " ones never)", ImportSettings::parsePrefixes);
    /** Glance's {@code [glance_download_properties]} section. */
    public static final OptionSection DOWNLOAD_SECTION = new OptionSection("glance_download_properties",
            "glance-download", List.of(EXTRA_PROPERTIES));
    /** The top-level options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(ENABLED_IMPORT_METHODS, NODE_STAGING_URI,
            TASK_POOL_THREADS, WORKER_SELF_REFERENCE_URL);

    public ImportSettings {
        enabledMethods = List.copyOf(enabledMethods);
        if (nodeStagingUri != null) {
            checkStagingUri(nodeStagingUri);
        }
        if (taskTimeToLive.isNegative() || taskTimeToLive.isZero()) {
            throw new IllegalArgumentException("task_time_to_live must be positive: " + taskTimeToLive);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1: " + workerThreads);
        }
        if (selfUrl != null) {
            selfUrl = checkSelfUrl(selfUrl);
        }
        downloadProperties = List.copyOf(downloadProperties);
    }

    public ImportSettings(List<String> enabledMethods, String nodeStagingUri, Duration taskTimeToLive,
                          int workerThreads) {
        this(enabledMethods, nodeStagingUri, taskTimeToLive, workerThreads, null, DEFAULT_DOWNLOAD_PROPERTIES);
    }

    /** Glance's defaults. */
    public static ImportSettings defaults() {
        return new ImportSettings(DEFAULT_METHODS, null, Duration.ofHours(48), 4);
    }

    public static ImportSettings from(OptionValues values) {
        return new ImportSettings(values.get(ENABLED_IMPORT_METHODS), values.get(NODE_STAGING_URI),
                Duration.ofHours(values.section(TASK_SECTION).get(TASK_TIME_TO_LIVE)),
                values.get(TASK_POOL_THREADS), values.get(WORKER_SELF_REFERENCE_URL),
                values.section(DOWNLOAD_SECTION).get(EXTRA_PROPERTIES));
    }

    public ImportSettings withEnabledMethods(List<String> methods) {
        return new ImportSettings(methods, nodeStagingUri, taskTimeToLive, workerThreads, selfUrl,
                downloadProperties);
    }

    public ImportSettings withSelfUrl(String newSelfUrl) {
        return new ImportSettings(enabledMethods, nodeStagingUri, taskTimeToLive, workerThreads, newSelfUrl,
                downloadProperties);
    }

    public boolean enabled(String method) {
        return enabledMethods.contains(method);
    }

    static List<String> parseMethods(String text) {
        List<String> methods = new ArrayList<>();
        for (String part : text.split(",")) {
            String method = part.strip();
            if (method.isEmpty()) {
                continue;
            }
            if (java.util.Arrays.stream(ImportMethod.values()).noneMatch(known -> known.wireName.equals(method))) {
                throw new IllegalArgumentException("unknown method " + method + "; known: " + DEFAULT_METHODS
                        + " and glance-download");
            }
            if (!methods.contains(method)) {
                methods.add(method);
            }
        }
        return List.copyOf(methods);
    }

    static List<String> parsePrefixes(String text) {
        List<String> prefixes = new ArrayList<>();
        for (String part : text.split(",")) {
            String prefix = part.strip();
            if (!prefix.isEmpty() && !prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
        return List.copyOf(prefixes);
    }

    /** An absolute http(s) URL without query; a trailing slash is dropped (request paths are appended to it). */
    static String checkSelfUrl(String text) {
        String url = text.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an absolute http:// or https:// URL, not " + text);
        }
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null
                || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("an absolute http:// or https:// URL without query, not " + text);
        }
        return url;
    }

    static String checkStagingUri(String text) {
        String uri = text.strip();
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a file:// URI of an absolute directory");
        }
        if (!"file".equals(parsed.getScheme()) || parsed.getPath() == null || !parsed.getPath().startsWith("/")) {
            throw new IllegalArgumentException("a file:// URI of an absolute directory");
        }
        return uri;
    }
}
