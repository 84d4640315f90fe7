package io.glance.http.registry;

import io.glance.http.common.AuthenticationFilter;
import io.glance.http.common.CallerAuthentication;
import io.glance.http.common.HealthcheckFilter;
import io.glance.http.common.RequestContextFilter;
import io.glance.http.errors.ErrorResponder;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.TaskRepository;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Installs the Registry API on a Helidon routing, with the API's request ids and error answers. */
public final class GlanceRegistryRouting {
    /** keystonemiddleware's {@code service_token_roles}, and admin, which Glance's own service user usually has. */
    public static final Set<String> SERVICE_ROLES = Set.of("service", "admin");

    private GlanceRegistryRouting() {
    }

    /** The Registry API open to every caller, as Glance's registry with its no-auth pipeline. */
    public static void register(HttpRouting.Builder routing, ImageRepository repository, MemberRepository members,
                                Clock clock) {
        register(routing, repository, members, clock, CallerAuthentication.noAuth());
    }

    /**
     * @param authentication with Keystone, only a token holding the {@code service} or {@code admin} role is let in:
     *                       the registry trusts the caller document glance-api sends with each listing
     */
    public static void register(HttpRouting.Builder routing, ImageRepository repository, MemberRepository members,
                                Clock clock, CallerAuthentication authentication) {
        register(routing, repository, members, null, clock, authentication);
    }

    /**
     * As above, with {@code /tasks} (glance-api's import tasks with {@code data_api: registry}) when {@code tasks} is
     * given.
     */
    public static void register(HttpRouting.Builder routing, ImageRepository repository, MemberRepository members,
                                TaskRepository tasks, Clock clock, CallerAuthentication authentication) {
        requireNonNull(routing, "routing is null");
        requireNonNull(repository, "repository is null");
        requireNonNull(members, "members is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(authentication, "authentication is null");
        routing.addFilter(new RequestContextFilter())
                .addFilter(new HealthcheckFilter())
                .addFilter(new AuthenticationFilter(authentication.requiringAnyRole(SERVICE_ROLES)))
                .error(Throwable.class, new ErrorResponder());
        RegistryImagesService images = new RegistryImagesService(repository, clock);
        routing.register("/images", images).get("/", images::listShort);
        routing.register("/images/{id}/members", new RegistryMembersService(members, clock));
        if (tasks != null) {
            routing.register("/tasks", new RegistryTasksService(tasks));
        }
    }
}
