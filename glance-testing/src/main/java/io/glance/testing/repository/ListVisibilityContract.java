package io.glance.testing.repository;

import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.glance.testing.repository.Queries.query;
import static io.glance.testing.repository.TestImages.ADMIN;
import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static io.glance.testing.repository.TestImages.projectless;
import static io.glance.testing.repository.TestImages.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees what in a listing (Glance v2 §2.1): admins everything, others public + own + shared-with-them at the
 * requested member status; foreign community images only on request, for admins too.
 */
public interface ListVisibilityContract extends RepositoryFixture {
    RequestContext BOB = user("bob");

    private void givenImagesOfSeveralOwners() {
        Object[][] images = {
                {"pub-a", "alice", Visibility.PUBLIC},
                {"priv-a", "alice", Visibility.PRIVATE},
                {"shared-a-accepted", "alice", Visibility.SHARED},
                {"shared-a-pending", "alice", Visibility.SHARED},
                {"shared-a-rejected", "alice", Visibility.SHARED},
                {"shared-a-carol", "alice", Visibility.SHARED},
                {"comm-a", "alice", Visibility.COMMUNITY},
                {"priv-b", "bob", Visibility.PRIVATE},
                {"shared-b", "bob", Visibility.SHARED},
                {"comm-b", "bob", Visibility.COMMUNITY},
                {"pub-null", null, Visibility.PUBLIC},
                {"priv-null", null, Visibility.PRIVATE},
                {"comm-admin", ADMIN.projectId(), Visibility.COMMUNITY},
        };
        for (int i = 0; i < images.length; i++) {
            store(image(i + 1).name((String) images[i][0]).owner((String) images[i][1])
                    .visibility((Visibility) images[i][2]));
        }
        addMember(3, "bob", MemberStatus.ACCEPTED);
        addMember(4, "bob", MemberStatus.PENDING);
        addMember(5, "bob", MemberStatus.REJECTED);
        addMember(6, "carol", MemberStatus.ACCEPTED);
        // A membership of a non-shared image grants nothing.
        addMember(2, "bob", MemberStatus.ACCEPTED);
    }

    private void addMember(int image, String project, MemberStatus status) {
        members().addMember(new ImageMember(id(image), project, status, T0, T0));
    }

    @Test
    default void userSeesPublicOwnAndAcceptedSharedImagesButNoForeignCommunity() {
        givenImagesOfSeveralOwners();

        assertThat(listNames(query(), BOB)).containsExactlyInAnyOrder(
                "pub-a", "shared-a-accepted", "priv-b", "shared-b", "comm-b", "pub-null");
        assertThat(listNames(query(), user("carol"))).containsExactlyInAnyOrder(
                "pub-a", "shared-a-carol", "pub-null");
    }

    @Test
    default void memberStatusSelectsWhichSharedImagesCount() {
        givenImagesOfSeveralOwners();
        List<String> always = List.of("pub-a", "priv-b", "shared-b", "comm-b", "pub-null");

        assertThat(listNames(query().memberStatus(MemberStatus.PENDING), BOB))
                .containsExactlyInAnyOrderElementsOf(with(always, "shared-a-pending"));
        assertThat(listNames(query().memberStatus(MemberStatus.REJECTED), BOB))
                .containsExactlyInAnyOrderElementsOf(with(always, "shared-a-rejected"));
        assertThat(listNames(query().memberStatus(null), BOB)).containsExactlyInAnyOrderElementsOf(
                with(always, "shared-a-accepted", "shared-a-pending", "shared-a-rejected"));
    }

    @Test
    default void visibilityFilterForAUser() {
        givenImagesOfSeveralOwners();

        assertThat(listNames(query().visibility(Visibility.COMMUNITY), BOB))
                .containsExactlyInAnyOrder("comm-a", "comm-b", "comm-admin");
        assertThat(listNames(query().visibility(Visibility.SHARED), BOB))
                .containsExactlyInAnyOrder("shared-a-accepted", "shared-b");
        assertThat(listNames(query().visibility(Visibility.SHARED).memberStatus(null), BOB))
                .containsExactlyInAnyOrder("shared-a-accepted", "shared-a-pending", "shared-a-rejected", "shared-b");
        assertThat(listNames(query().visibility(Visibility.PRIVATE), BOB)).containsExactly("priv-b");
        assertThat(listNames(query().visibility(Visibility.PUBLIC), BOB))
                .containsExactlyInAnyOrder("pub-a", "pub-null");
        assertThat(listNames(query().allVisibilities(), BOB)).containsExactlyInAnyOrder(
                "pub-a", "shared-a-accepted", "priv-b", "shared-b", "comm-b", "pub-null", "comm-a", "comm-admin");
    }

    @Test
    default void adminSeesEverythingButForeignCommunityUnlessAsked() {
        givenImagesOfSeveralOwners();
        List<String> all = List.of("pub-a", "priv-a", "shared-a-accepted", "shared-a-pending", "shared-a-rejected",
                "shared-a-carol", "comm-a", "priv-b", "shared-b", "comm-b", "pub-null", "priv-null", "comm-admin");

        assertThat(listNames(query(), ADMIN))
                .containsExactlyInAnyOrderElementsOf(all.stream().filter(n -> !n.equals("comm-a")
                        && !n.equals("comm-b")).toList());
        assertThat(listNames(query().allVisibilities(), ADMIN)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(listNames(query().visibility(Visibility.COMMUNITY), ADMIN))
                .containsExactlyInAnyOrder("comm-a", "comm-b", "comm-admin");
        assertThat(listNames(query().visibility(Visibility.PRIVATE), ADMIN))
                .containsExactlyInAnyOrder("priv-a", "priv-b", "priv-null");
        assertThat(listNames(query().visibility(Visibility.SHARED).memberStatus(MemberStatus.REJECTED), ADMIN))
                .containsExactlyInAnyOrder("shared-a-accepted", "shared-a-pending", "shared-a-rejected",
                        "shared-a-carol", "shared-b");
    }

    @Test
    default void callersWithoutAProjectSeeNoCommunityImagesUnlessAsked() {
        givenImagesOfSeveralOwners();
        RequestContext noAuthAdmin = RequestContext.noAuth("req-noauth");

        assertThat(listNames(query(), noAuthAdmin)).doesNotContain("comm-a", "comm-b", "comm-admin").hasSize(10);
        assertThat(listNames(query(), projectless())).containsExactlyInAnyOrder("pub-a", "pub-null");
        assertThat(listNames(query().memberStatus(null).visibility(Visibility.SHARED), projectless())).isEmpty();
        assertThat(listNames(query().visibility(Visibility.COMMUNITY), projectless()))
                .containsExactlyInAnyOrder("comm-a", "comm-b", "comm-admin");
    }

    private static List<String> with(List<String> base, String... more) {
        return java.util.stream.Stream.concat(base.stream(), java.util.Arrays.stream(more)).toList();
    }
}
