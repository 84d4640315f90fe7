package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Tenant isolation as Glance's §4.3 states it, through every use case: a private image of another project is 404 on
 * every route (never 403, so its id leaks nothing); a shared image is visible to its members whatever their status,
 * but only its owner changes it; members change only their own status; admins see everything.
 */
class TenantIsolationTest {
    private static final byte[] DATA = "the image's data".getBytes();
    private final Services fixture = new Services();
    private final GlanceServices services = fixture.services;

    @AfterEach
    void close() {
        fixture.close();
    }

    private Image activeImage(RequestContext owner, Visibility visibility) {
        Image image = fixture.queuedImage(owner);
        services.data().upload(owner, image.id(), new ByteArrayInputStream(DATA), DATA.length, null);
        if (visibility != Visibility.SHARED) {
            services.catalog().update(owner, image.id(), List.of(new PatchOperation(PatchOperation.Op.REPLACE,
                    "visibility", visibility.wireName(), false)));
        }
        return services.catalog().show(owner, image.id());
    }

    /** Every use case that names an image, as {@code caller} would call it. */
    private Map<String, Executable> everyRoute(RequestContext caller, ImageId id) {
        Map<String, Executable> routes = new LinkedHashMap<>();
        routes.put("show", () -> services.catalog().show(caller, id));
        routes.put("update", () -> services.catalog().update(caller, id, List.of(new PatchOperation(
                PatchOperation.Op.REPLACE, "name", "mine now", false))));
        routes.put("download", () -> services.data().download(caller, id, null));
        routes.put("upload", () -> services.data().upload(caller, id, new ByteArrayInputStream(DATA), DATA.length,
                null));
        routes.put("v1 upload", () -> services.uploadV1().upload(caller, id, new ByteArrayInputStream(DATA),
                DATA.length, null, null));
        routes.put("add tag", () -> services.tags().addTag(caller, id, "mine"));
        routes.put("remove tag", () -> services.tags().removeTag(caller, id, "gold"));
        routes.put("add member", () -> services.members().add(caller, id, "carol"));
        routes.put("list members", () -> services.members().list(caller, id));
        routes.put("show member", () -> services.members().show(caller, id, "bob"));
        routes.put("accept", () -> services.members().updateStatus(caller, id, "bob", MemberStatus.ACCEPTED));
        routes.put("remove member", () -> services.members().remove(caller, id, "bob"));
        routes.put("deactivate", () -> services.activation().deactivate(caller, id));
        routes.put("reactivate", () -> services.activation().reactivate(caller, id));
        routes.put("add location", () -> services.locations().addLocation(caller, id, "memory://elsewhere", null));
        routes.put("remove location", () -> services.locations().removeLocation(caller, id, 0));
        routes.put("delete from store", () -> services.data().deleteFromStore(caller, id, "memory"));
        routes.put("delete", () -> services.catalog().delete(caller, id));
        return routes;
    }

    @Test
    void aPrivateImageOfAnotherProjectIs404OnEveryRoute() {
        Image image = activeImage(ALICE, Visibility.PRIVATE);
        services.tags().addTag(ALICE, image.id(), "gold");
        everyRoute(BOB, image.id()).forEach((route, call) -> assertThatThrownBy(call::execute).as(route)
                .isInstanceOf(NotFoundException.class).hasMessageContaining(image.id().value()));
        Image after = fixture.stored(image.id());
        assertThat(after.name()).isEqualTo(image.name());
        assertThat(after.tags()).containsExactly("gold");
        assertThat(after.status()).isEqualTo(image.status());
        assertThat(fixture.repository.listMembers(image.id())).isEmpty();
    }

    @Test
    void aSharedImageIsSeenByItsMembersButChangedOnlyByItsOwner() {
        Image image = activeImage(ALICE, Visibility.SHARED);
        services.tags().addTag(ALICE, image.id(), "gold");
        everyRoute(BOB, image.id()).forEach((route, call) -> assertThatThrownBy(call::execute).as(route)
                .isInstanceOf(NotFoundException.class));

        services.members().add(ALICE, image.id(), "bob");
        assertThat(services.catalog().show(BOB, image.id()).id()).isEqualTo(image.id());
        assertThat(services.data().download(BOB, image.id(), null)).isPresent();
        assertThat(services.members().list(BOB, image.id())).extracting(member -> member.memberId())
                .containsExactly("bob");
        for (String write : List.of("update", "upload", "v1 upload", "add tag", "remove tag", "add member",
                "remove member", "deactivate", "reactivate", "add location", "remove location", "delete")) {
            assertThatThrownBy(everyRoute(BOB, image.id()).get(write)::execute).as(write)
                    .isInstanceOf(ForbiddenException.class);
        }
        // Only the member itself decides its status; the owner cannot accept its own share.
        assertThatThrownBy(() -> services.members().updateStatus(ALICE, image.id(), "bob", MemberStatus.ACCEPTED))
                .isInstanceOf(ForbiddenException.class);
        assertThat(services.members().updateStatus(BOB, image.id(), "bob", MemberStatus.ACCEPTED).status())
                .isEqualTo(MemberStatus.ACCEPTED);
        assertThat(fixture.stored(image.id()).tags()).containsExactly("gold");
    }

    @Test
    void aMemberOfAnotherImageGainsNothingOnThisOne() {
        Image shared = activeImage(ALICE, Visibility.SHARED);
        Image other = activeImage(ALICE, Visibility.PRIVATE);
        services.members().add(ALICE, shared.id(), "bob");
        assertThatThrownBy(() -> services.catalog().show(BOB, other.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void communityAndPublicImagesAreReadByAllAndChangedByTheirOwner() {
        for (Visibility visibility : List.of(Visibility.COMMUNITY, Visibility.PUBLIC)) {
            Image image = visibility == Visibility.PUBLIC
                    ? publicImageOf(ALICE) : activeImage(ALICE, visibility);
            assertThat(services.catalog().show(BOB, image.id()).id()).as(visibility.wireName())
                    .isEqualTo(image.id());
            assertThat(services.data().download(BOB, image.id(), null)).isPresent();
            assertThatThrownBy(() -> services.catalog().update(BOB, image.id(), List.of(new PatchOperation(
                    PatchOperation.Op.REPLACE, "name", "x", false)))).as(visibility.wireName())
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> services.catalog().delete(BOB, image.id())).isInstanceOf(
                    ForbiddenException.class);
        }
    }

    private Image publicImageOf(RequestContext owner) {
        Image image = activeImage(owner, Visibility.SHARED);
        services.catalog().update(ADMIN, image.id(), List.of(new PatchOperation(PatchOperation.Op.REPLACE,
                "visibility", "public", false)));
        return services.catalog().show(owner, image.id());
    }

    @Test
    void aDeactivatedImageIsDownloadedOnlyByAdmins() {
        Image image = publicImageOf(ALICE);
        services.activation().deactivate(ALICE, image.id());
        assertThatThrownBy(() -> services.data().download(BOB, image.id(), null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.data().download(ALICE, image.id(), null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(services.data().download(ADMIN, image.id(), null)).isPresent();
    }

    @Test
    void anAdminSeesAndChangesEveryImage() {
        Image image = activeImage(ALICE, Visibility.PRIVATE);
        services.tags().addTag(ALICE, image.id(), "gold");
        Map<String, Executable> routes = everyRoute(ADMIN, image.id());
        for (String route : List.of("show", "update", "download", "add tag", "remove tag", "deactivate",
                "reactivate", "delete")) {
            assertThatCode(routes.get(route)::execute).as(route).doesNotThrowAnyException();
        }
        assertThat(fixture.stored(image.id()).name()).isEqualTo("mine now");
    }

    @Test
    void nonAdminsCreateOnlyForTheirOwnProject() {
        assertThat(services.catalog().create(BOB, Services.command("b")).owner()).isEqualTo("bob");
        assertThatThrownBy(() -> services.catalog().create(BOB, new io.glance.ports.in.CreateImageCommand(null,
                "x", null, null, null, null, null, null, null, "alice", true, List.of(), Map.of())))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("'alice'");
        assertThat(services.catalog().create(ADMIN, new io.glance.ports.in.CreateImageCommand(null, "x", null,
                null, null, null, null, null, null, "alice", true, List.of(), Map.of())).owner())
                .isEqualTo("alice");
    }

    @Test
    void listingsShowOwnPublicAndAcceptedSharesAndTheFiltersNarrowThem() {
        Image alicePrivate = activeImage(ALICE, Visibility.PRIVATE);
        Image aliceShared = activeImage(ALICE, Visibility.SHARED);
        Image aliceCommunity = activeImage(ALICE, Visibility.COMMUNITY);
        Image alicePublic = publicImageOf(ALICE);
        Image bobs = activeImage(BOB, Visibility.PRIVATE);
        services.members().add(ALICE, aliceShared.id(), "bob");

        assertThat(ids(BOB, query(null, MemberStatus.ACCEPTED, List.of())))
                .containsExactlyInAnyOrder(bobs.id(), alicePublic.id());
        assertThat(ids(BOB, query(null, MemberStatus.PENDING, List.of())))
                .containsExactlyInAnyOrder(bobs.id(), alicePublic.id(), aliceShared.id());
        services.members().updateStatus(BOB, aliceShared.id(), "bob", MemberStatus.ACCEPTED);
        assertThat(ids(BOB, query(null, MemberStatus.ACCEPTED, List.of())))
                .containsExactlyInAnyOrder(bobs.id(), alicePublic.id(), aliceShared.id());
        assertThat(ids(BOB, query(Visibility.COMMUNITY, MemberStatus.ACCEPTED, List.of())))
                .containsExactly(aliceCommunity.id());
        assertThat(ids(BOB, query(null, MemberStatus.ACCEPTED, List.of(new ImageFilter.ColumnIn(
                ImageFilter.Column.OWNER, List.of("alice"))))))
                .containsExactlyInAnyOrder(alicePublic.id(), aliceShared.id());
        assertThat(ids(BOB, query(Visibility.PRIVATE, MemberStatus.ACCEPTED, List.of())))
                .containsExactly(bobs.id());
        assertThat(ids(ADMIN, query(null, MemberStatus.ACCEPTED, List.of()))).contains(alicePrivate.id(),
                aliceShared.id(), alicePublic.id(), bobs.id());
    }

    private static ImageQuery query(Visibility visibility, MemberStatus memberStatus, List<ImageFilter> filters) {
        return new ImageQuery(filters, visibility, false, memberStatus, false,
                List.of(new SortKey(SortKey.Column.CREATED_AT, SortKey.Direction.DESC)), 100, null);
    }

    private List<ImageId> ids(RequestContext caller, ImageQuery query) {
        return services.catalog().list(caller, query).stream().map(Image::id).toList();
    }
}
