package io.glance.client.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the Keystone tests of the Java client and of the CLI log in to: a no-auth glance-api behind a
 * {@link TokenCheckingProxy} (which has the real Keystone check every token, as keystonemiddleware would), registered
 * in Keystone's catalog as the image service of a new region, public at 127.0.0.1 and internal at localhost.
 * A test class registers one as a static {@code @RegisterExtension} field: it starts before the class's tests (skipped,
 * or failed under CI, as {@link TestKeystone#require()} is when the suite started no Keystone) and stops after them.
 */
public final class KeystoneFrontedGlance implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private TestKeystone keystone;
    private GlanceApiProcess server;
    private TokenCheckingProxy proxy;
    private String region;
    private URI publicUrl;
    private URI internalUrl;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        keystone = TestKeystone.require();
        dataDir = Files.createTempDirectory("glance-keystone-fronted");
        server = GlanceApiProcess.start(dataDir);
        proxy = TokenCheckingProxy.start(server.endpoint(), keystone);
        publicUrl = URI.create("http://127.0.0.1:" + proxy.port());
        internalUrl = URI.create("http://localhost:" + proxy.port());
        region = keystone.registerImageService(publicUrl, internalUrl);
    }

    /**
     * The variables an openrc file sets, but for the project's domain, which each test names its own way (by name
     * or by id); a fresh map the test may change.
     */
    public Map<String, String> openrc() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", keystone.v3().toString());
        env.put("OS_USERNAME", keystone.user());
        env.put("OS_PASSWORD", keystone.password());
        env.put("OS_PROJECT_NAME", keystone.project());
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_REGION_NAME", region);
        return env;
    }

    public TestKeystone keystone() {
        return keystone;
    }

    public TokenCheckingProxy proxy() {
        return proxy;
    }

    /** The region whose catalog holds the image service. */
    public String region() {
        return region;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public URI internalUrl() {
        return internalUrl;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (keystone != null) {
            keystone.close();
        }
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // A leftover temporary folder fails no test.
            }
        }
    }
}
