package io.glance.server.metadefs;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.adapters.policy.OsloPolicy;
import io.glance.application.metadef.MetadefServices;
import io.glance.domain.ForbiddenException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.ports.in.metadef.NamespaceListCommand;
import io.glance.ports.in.metadef.NewNamespace;
import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what in the catalog, through the real use cases, the real policy engine with Zed's defaults (and an
 * operator override) and an embedded database: writes are admin-only, reads are open, and non-admins see public
 * namespaces and their own project's; others are missing to them.
 */
class MetadefPolicyTest {
    private static final RequestContext ADMIN = new RequestContext("req-admin", "admin-project", Set.of("admin"),
            true);
    private static final RequestContext ALICE = new RequestContext("req-alice", "alice-project",
            Set.of("member", "reader"), false);
    private static final RequestContext BOB = new RequestContext("req-bob", "bob-project", Set.of("member", "reader"),
            false);

    @TempDir
    Path dataDir;
    private GlanceDatabase database;
    private MetadefServices services;

    @BeforeEach
    void createCatalog() {
        database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
        services = new MetadefServices(database.metadefs(), Clock.systemUTC(), OsloPolicy.defaults(false));
        create("public-ns", "public", "admin-project");
        create("alice-private", "private", "alice-project");
        create("bob-private", "private", "bob-project");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void create(String name, String visibility, String owner) {
        services.namespaces().create(ADMIN, new NewNamespace(name, null, null, visibility, false, owner,
                NamespaceContents.EMPTY));
    }

    private List<String> listedBy(RequestContext context) {
        return services.namespaces().list(context, new NamespaceListCommand(null, List.of(), null, 25,
                NamespaceSortKey.NAMESPACE, SortDirection.ASC)).namespaces().stream()
                .map(MetadefNamespace::namespace).toList();
    }

    @Test
    void nonAdminsSeePublicAndTheirOwnNamespacesAdminsSeeAll() {
        assertThat(listedBy(ALICE)).containsExactly("alice-private", "public-ns");
        assertThat(listedBy(BOB)).containsExactly("bob-private", "public-ns");
        assertThat(listedBy(ADMIN)).containsExactly("alice-private", "bob-private", "public-ns");
        assertThat(services.namespaces().show(ALICE, "alice-private").namespace().owner()).isEqualTo("alice-project");
        assertThatThrownBy(() -> services.namespaces().show(ALICE, "bob-private"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("bob-private");
        assertThatThrownBy(() -> services.objects().list(ALICE, "bob-private")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anInvisibleMarkerIsForbiddenAnUnknownOneMissing() {
        NamespaceListCommand afterBob = new NamespaceListCommand(null, List.of(), "bob-private", 25,
                NamespaceSortKey.NAMESPACE, SortDirection.ASC);
        assertThatThrownBy(() -> services.namespaces().list(ALICE, afterBob)).isInstanceOf(ForbiddenException.class);
        NamespaceListCommand afterNothing = new NamespaceListCommand(null, List.of(), "nothing", 25,
                NamespaceSortKey.NAMESPACE, SortDirection.ASC);
        assertThatThrownBy(() -> services.namespaces().list(ALICE, afterNothing))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void writesAreAdminOnlyEvenOnTheCallersOwnNamespace() {
        assertThatThrownBy(() -> services.namespaces().create(ALICE, new NewNamespace("mine", null, null, null, null,
                null, NamespaceContents.EMPTY))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("add_metadef_namespace");
        assertThatThrownBy(() -> services.objects().create(ALICE, "alice-private",
                new MetadefObject("o", null, List.of(), null, null, null))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("add_metadef_object");
        assertThatThrownBy(() -> services.tags().createAll(ALICE, "public-ns", List.of("t"), false))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("add_metadef_tags");
        assertThatThrownBy(() -> services.namespaces().delete(ALICE, "alice-private"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("delete_metadef_namespace");
        // A write on a namespace the caller cannot see is a 404, not a 403: the refusal reveals nothing.
        assertThatThrownBy(() -> services.namespaces().delete(ALICE, "bob-private"))
                .isInstanceOf(NotFoundException.class);
        assertThat(services.tags().createAll(ADMIN, "alice-private", List.of("t"), false)).hasSize(1);
    }

    @Test
    void anOperatorsPolicyDecides() {
        services = new MetadefServices(database.metadefs(), Clock.systemUTC(),
                OsloPolicy.withOverrides(false, Map.of("add_metadef_tags", "role:member",
                        "get_metadef_tags", "!")));
        assertThat(services.tags().createAll(ALICE, "alice-private", List.of("t"), false)).hasSize(1);
        assertThatThrownBy(() -> services.tags().list(ALICE, "alice-private",
                io.glance.ports.out.metadef.TagQuery.ALL)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("get_metadef_tags");
        assertThat(services.objects().list(ALICE, "alice-private")).isEmpty();
    }

    @Test
    void protectedNamespacesRefuseDeletesButNotUpdates() {
        services.namespaces().update(ADMIN, "public-ns", new NewNamespace("public-ns", null, null, "public", true,
                "admin-project", NamespaceContents.EMPTY));
        assertThatThrownBy(() -> services.namespaces().delete(ADMIN, "public-ns"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("protected");
        assertThatThrownBy(() -> services.tags().deleteAll(ADMIN, "public-ns"))
                .isInstanceOf(ForbiddenException.class);
        services.namespaces().update(ADMIN, "public-ns", new NewNamespace("public-ns", null, null, "public", false,
                "admin-project", NamespaceContents.EMPTY));
        services.namespaces().delete(ADMIN, "public-ns");
        assertThat(listedBy(ADMIN)).doesNotContain("public-ns");
    }
}
