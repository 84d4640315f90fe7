package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.ports.out.PropertyProtection;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GlanceServices over the in-memory fakes, with a hand-moved clock and the callers the tests use: projects alice and
 * bob, and an admin in project ops.
 */
final class Services implements AutoCloseable {
    static final RequestContext ALICE = user("alice");
    static final RequestContext BOB = user("bob");
    static final RequestContext ADMIN = new RequestContext("req-admin", "ops", Set.of("admin"), true);

    final InMemoryImageRepository repository = new InMemoryImageRepository();
    /** What the services use: the repository above, with a hook to stage races. */
    final RacingRepository racing = new RacingRepository(repository);
    final InMemoryStoreDriver store;
    final InMemoryStoreRegistry stores;
    final TestClock clock = new TestClock();
    final GlanceServices services;

    Services() {
        this(UploadLimits.defaults(), new InMemoryStoreDriver("memory"));
    }

    Services(UploadLimits limits, InMemoryStoreDriver... drivers) {
        this(limits, OsloPolicy.defaults(false), drivers);
    }

    /** With the given policy, e.g. {@code OsloPolicy.defaults(true)} for 2023.1's personas. */
    Services(UploadLimits limits, PolicyEnforcer policy, InMemoryStoreDriver... drivers) {
        this(limits, policy, ImageQuotas.defaults(), drivers);
    }

    /** With the given quotas; the repository measures the storage usage. */
    Services(UploadLimits limits, PolicyEnforcer policy, ImageQuotas quotas, InMemoryStoreDriver... drivers) {
        this(limits, policy, PropertyProtection.NONE, quotas, drivers);
    }

    Services(UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
             InMemoryStoreDriver... drivers) {
        this.store = drivers[0];
        this.stores = InMemoryStoreRegistry.of(drivers);
        this.services = new GlanceServices(racing, repository, stores, clock, limits, policy, protection, quotas,
                repository);
    }

    /** With Keystone's unified limits from {@code limits}; the repository counts the usage. */
    Services(ImageQuotas quotas, io.glance.ports.out.ProjectLimits limits) {
        this.store = new InMemoryStoreDriver("memory");
        this.stores = InMemoryStoreRegistry.of(store);
        this.services = new GlanceServices(racing, repository, stores, clock, UploadLimits.defaults(),
                OsloPolicy.defaults(false), PropertyProtection.NONE, quotas, repository,
                io.glance.ports.out.ImageCache.NONE,
                io.glance.application.cache.ImageCacheSettings.defaults(false), null, ScrubberSettings.immediate(),
                UnifiedLimits.of(limits, repository, repository));
    }

    /** A member of the project; as in Keystone, where member implies reader, the token carries both roles. */
    static RequestContext user(String project) {
        return new RequestContext("req-" + project, project, Set.of("member", "reader"), false);
    }

    /** A reader of the project: the read-only persona of the new defaults. */
    static RequestContext reader(String project) {
        return new RequestContext("req-reader-" + project, project, Set.of("reader"), false);
    }

    static CreateImageCommand command(String name) {
        return new CreateImageCommand(null, name, null, null, null, null, null, null, null, null, false, List.of(),
                Map.of());
    }

    /** A queued image of {@code owner}'s project with both formats set, ready for data. */
    Image queuedImage(RequestContext owner) {
        return services.catalog().create(owner, new CreateImageCommand(null, "img", null, null, null, null, null,
                "raw", "bare", null, false, List.of(), Map.of()));
    }

    /** A queued image with both formats, created by an admin for {@code owner} with {@code visibility}. */
    Image queuedImage(String owner, Visibility visibility) {
        return services.catalog().create(ADMIN, new CreateImageCommand(null, "img", visibility, null, null, null,
                null, "raw", "bare", owner, true, List.of(), Map.of()));
    }

    Image stored(ImageId id) {
        return repository.findAny(id).orElseThrow();
    }

    @Override
    public void close() {
        services.close();
    }
}
