package io.glance.server.registry;

import io.glance.adapters.registry.RegistryImageRepository;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.TaskRepository;
import io.glance.server.GlanceRegistryServer;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A real glance-registry (its HTTP server on a free loopback port) serving a contract test's fresh database, and
 * the registry client pointed at it: the contract then runs client → HTTP → registry → repository → database.
 */
final class RegistryInTheMiddle implements AutoCloseable {
    private final GlanceRegistryServer server;
    private final RegistryImageRepository client;

    RegistryInTheMiddle(ImageRepository database, MemberRepository members) {
        this(database, members, null);
    }

    /** As above, serving {@code /tasks} over {@code tasks} too. */
    RegistryInTheMiddle(ImageRepository database, MemberRepository members, TaskRepository tasks) {
        ServerSettings options = ServerSettings.from(OptionValues.of(
                Map.of("registry_host", "127.0.0.1", "registry_port", "0")));
        this.server = GlanceRegistryServer.serving(options, database, members, tasks);
        this.client = new RegistryImageRepository(URI.create("http://127.0.0.1:" + server.port() + "/"),
                Duration.ofSeconds(30));
    }

    /** The registry's base URL, ending in {@code /}. */
    String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** The registry client: an image and a member repository. */
    RegistryImageRepository client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
