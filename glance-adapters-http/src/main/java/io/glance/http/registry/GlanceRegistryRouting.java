package io.glance.http.registry;

import io.glance.http.common.HealthcheckFilter;
import io.glance.http.common.RequestContextFilter;
import io.glance.http.errors.ErrorResponder;
import io.glance.ports.out.ImageRepository;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Installs the Registry API on a Helidon routing, with the API's request ids and error answers. */
public final class GlanceRegistryRouting {
    private GlanceRegistryRouting() {
    }

    public static void register(HttpRouting.Builder routing, ImageRepository repository, Clock clock) {
        requireNonNull(routing, "routing is null");
        requireNonNull(repository, "repository is null");
        requireNonNull(clock, "clock is null");
        routing.addFilter(new RequestContextFilter())
                .addFilter(new HealthcheckFilter())
                .error(Throwable.class, new ErrorResponder());
        RegistryImagesService images = new RegistryImagesService(repository, clock);
        routing.register("/images", images).get("/", images::listShort);
        routing.register("/images/{id}/members", new RegistryMembersService(repository, clock));
    }
}
