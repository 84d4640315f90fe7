package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.NotFoundException;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.out.metadef.MetadefRepository;
import io.glance.ports.out.metadef.NamespaceQuery;
import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;
import io.glance.ports.out.metadef.TagQuery;
import io.glance.ports.out.metadef.TagSortKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every database must show through {@link MetadefRepository}. A database joins by extending this class and
 * opening a fresh, empty, migrated {@link GlanceDatabase} per test.
 */
abstract class MetadefRepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private GlanceDatabase database;

    protected abstract GlanceDatabase openDatabase() throws Exception;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected GlanceDatabase database() {
        return database;
    }

    private MetadefRepository repository() {
        return database.metadefs();
    }

    private static MetadefNamespace namespace(String name, String visibility, String owner, Instant created) {
        return new MetadefNamespace(name, name + " display", null, visibility, false, owner, created, created);
    }

    private void store(MetadefNamespace namespace) {
        repository().createNamespace(new NamespaceDocument(namespace, NamespaceContents.EMPTY), false,
                namespace.createdAt());
    }

    private List<String> list(NamespaceQuery query) {
        return repository().listNamespaces(query).stream().map(MetadefNamespace::namespace).toList();
    }

    private static NamespaceQuery all(String marker, int limit, NamespaceSortKey key, SortDirection direction) {
        return new NamespaceQuery(true, null, null, List.of(), marker, limit, key, direction);
    }

    @Test
    void aNestedCreateStoresEverythingAndCreatesMissingResourceTypes() {
        MetadefNamespace namespace = new MetadefNamespace("OS::Compute::Demo", "Demo", "text", null, null, "admin",
                T0, null);
        NamespaceContents contents = new NamespaceContents(
                List.of(ResourceTypeAssociation.of("OS::Glance::Image", "hw_", null),
                        ResourceTypeAssociation.of("OS::Nova::Flavor", "hw:", "metadata")),
                List.of(new MetadefObject("CPU Limits", "limits", List.of("a", "b"), "{\"a\":{\"title\":\"A\",\"type\":\"string\"}}", null, null)),
                List.of(new MetadefProperty("cpu_policy", "{\"title\":\"CPU\",\"type\":\"string\"}")),
                List.of(MetadefTag.named("gold"), MetadefTag.named("silver")));
        repository().createNamespace(new NamespaceDocument(namespace, contents), true, T0);

        assertThat(repository().findNamespace("OS::Compute::Demo")).contains(namespace);
        NamespaceContents read = repository().contents("OS::Compute::Demo");
        assertThat(read.associations()).extracting(ResourceTypeAssociation::name, ResourceTypeAssociation::prefix,
                        ResourceTypeAssociation::propertiesTarget, ResourceTypeAssociation::updatedAt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("OS::Glance::Image", "hw_", null, null),
                        org.assertj.core.groups.Tuple.tuple("OS::Nova::Flavor", "hw:", "metadata", null));
        assertThat(read.objects()).singleElement().satisfies(object -> {
            assertThat(object.required()).containsExactly("a", "b");
            assertThat(object.propertiesJson()).isEqualTo("{\"a\":{\"title\":\"A\",\"type\":\"string\"}}");
            assertThat(object.createdAt()).isEqualTo(T0);
            assertThat(object.updatedAt()).isNull();
        });
        assertThat(read.properties()).containsExactly(
                new MetadefProperty("cpu_policy", "{\"title\":\"CPU\",\"type\":\"string\"}"));
        assertThat(read.tags()).extracting(MetadefTag::name).containsExactly("gold", "silver");
        assertThat(repository().resourceTypes()).extracting(ResourceType::name, ResourceType::isProtected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OS::Glance::Image", true),
                        org.assertj.core.groups.Tuple.tuple("OS::Nova::Flavor", true));
    }

    @Test
    void aNestedCreateWithADuplicateChildLeavesNothingBehind() {
        NamespaceContents contents = new NamespaceContents(List.of(ResourceTypeAssociation.of("OS::New", null, null)),
                List.of(), List.of(), List.of(MetadefTag.named("x"), MetadefTag.named("x")));
        assertThatThrownBy(() -> repository().createNamespace(
                new NamespaceDocument(namespace("half", "public", "p1", T0), contents), false, T0))
                .isInstanceOf(ConflictException.class).hasMessageContaining("x");
        assertThat(repository().findNamespace("half")).isEmpty();
        assertThat(repository().resourceTypes()).isEmpty();
    }

    @Test
    void duplicateNamespaceNamesConflictAndNamesAreCaseSensitive() {
        store(namespace("Dup", "public", "p1", T0));
        assertThatThrownBy(() -> store(namespace("Dup", "private", "p2", T0)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Dup");
        store(namespace("dup", "public", "p1", T0));
        assertThat(repository().findNamespace("dup")).isPresent();
    }

    @Test
    void listsNewestFirstByDefaultAndPagesWithAMarker() {
        for (int i = 0; i < 5; i++) {
            store(namespace("ns" + i, "public", "p1", T0.plusSeconds(i)));
        }
        assertThat(list(all(null, 2, NamespaceSortKey.CREATED_AT, SortDirection.DESC))).containsExactly("ns4", "ns3");
        assertThat(list(all("ns3", 2, NamespaceSortKey.CREATED_AT, SortDirection.DESC)))
                .containsExactly("ns2", "ns1");
        assertThat(list(all("ns1", 2, NamespaceSortKey.CREATED_AT, SortDirection.DESC))).containsExactly("ns0");
        assertThat(list(all(null, 0, NamespaceSortKey.CREATED_AT, SortDirection.DESC))).isEmpty();
    }

    @Test
    void sortsByNullableKeysWithTieBreakersAndPagesThroughEveryRowOnce() {
        store(new MetadefNamespace("a", null, null, null, null, "o", T0, null));
        store(new MetadefNamespace("b", "B", null, "public", true, "o", T0, T0.plusSeconds(5)));
        store(new MetadefNamespace("c", null, null, "private", false, "o", T0.plusSeconds(1), null));
        store(new MetadefNamespace("d", "A", null, "public", null, "o", T0, null));
        for (NamespaceSortKey key : NamespaceSortKey.values()) {
            for (SortDirection direction : SortDirection.values()) {
                List<String> whole = list(all(null, 100, key, direction));
                List<String> paged = new ArrayList<>();
                String marker = null;
                while (true) {
                    List<String> page = list(all(marker, 1, key, direction));
                    if (page.isEmpty()) {
                        break;
                    }
                    paged.addAll(page);
                    marker = page.get(0);
                }
                assertThat(paged).as("sort by %s %s", key, direction).isEqualTo(whole)
                        .containsExactlyInAnyOrder("a", "b", "c", "d");
            }
        }
        assertThat(list(all(null, 10, NamespaceSortKey.NAMESPACE, SortDirection.ASC)))
                .containsExactly("a", "b", "c", "d");
        assertThat(list(all(null, 10, NamespaceSortKey.DISPLAY_NAME, SortDirection.ASC)))
                .containsExactly("a", "c", "d", "b");
    }

    @Test
    void nonAdminsSeePublicAndTheirOwnNamespacesOnly() {
        store(namespace("public-other", "public", "p2", T0));
        store(namespace("private-mine", "private", "p1", T0.plusSeconds(1)));
        store(namespace("private-other", "private", "p2", T0.plusSeconds(2)));
        store(new MetadefNamespace("unset", null, null, null, null, "p2", T0.plusSeconds(3), null));
        NamespaceQuery mine = new NamespaceQuery(false, "p1", null, List.of(), null, 25, NamespaceSortKey.NAMESPACE,
                SortDirection.ASC);
        assertThat(list(mine)).containsExactly("private-mine", "public-other");
        NamespaceQuery anonymous = new NamespaceQuery(false, null, null, List.of(), null, 25,
                NamespaceSortKey.NAMESPACE, SortDirection.ASC);
        assertThat(list(anonymous)).containsExactly("public-other");
        NamespaceQuery privateOnly = new NamespaceQuery(true, null, "private", List.of(), null, 25,
                NamespaceSortKey.NAMESPACE, SortDirection.ASC);
        assertThat(list(privateOnly)).containsExactly("private-mine", "private-other");
    }

    @Test
    void filtersByAnyOfTheResourceTypes() {
        store(namespace("img", "public", "p", T0));
        store(namespace("flv", "public", "p", T0));
        store(namespace("none", "public", "p", T0));
        repository().addAssociation("img", ResourceTypeAssociation.of("OS::Glance::Image", "hw_", null), T0);
        repository().addAssociation("flv", ResourceTypeAssociation.of("OS::Nova::Flavor", null, null), T0);
        NamespaceQuery query = new NamespaceQuery(true, null, null, List.of("OS::Glance::Image", "OS::Nova::Flavor"),
                null, 25, NamespaceSortKey.NAMESPACE, SortDirection.ASC);
        assertThat(list(query)).containsExactly("flv", "img");
        assertThat(repository().associationsOf(List.of("img", "none")).keySet()).containsExactly("img");
        assertThatThrownBy(() -> repository().addAssociation("img",
                ResourceTypeAssociation.of("OS::Glance::Image", null, null), T0))
                .isInstanceOf(ConflictException.class);
        assertThat(repository().resourceTypes()).extracting(ResourceType::isProtected).containsOnly(false);
        repository().removeAssociation("img", "OS::Glance::Image");
        assertThat(repository().associations("img")).isEmpty();
        assertThatThrownBy(() -> repository().removeAssociation("img", "OS::Glance::Image"))
                .isInstanceOf(NotFoundException.class);
        assertThat(repository().resourceTypes()).hasSize(2);
    }

    @Test
    void updateReplacesTheFieldsAndMayRenameButNotOntoAnotherName() {
        store(namespace("old", "public", "p", T0));
        store(namespace("taken", "public", "p", T0));
        repository().addObject("old", new MetadefObject("o", null, List.of(), null, null, null), T0);
        MetadefNamespace renamed = new MetadefNamespace("new", null, null, "private", false, "q", T0,
                T0.plusSeconds(9));
        assertThat(repository().updateNamespace("old", renamed)).isEqualTo(renamed);
        assertThat(repository().findNamespace("old")).isEmpty();
        assertThat(repository().objects("new")).extracting(MetadefObject::name).containsExactly("o");
        assertThatThrownBy(() -> repository().updateNamespace("new",
                new MetadefNamespace("taken", null, null, null, null, "q", T0, T0)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("taken");
    }

    @Test
    void deletingANamespaceDeletesItsChildrenButKeepsResourceTypes() {
        NamespaceContents contents = new NamespaceContents(List.of(ResourceTypeAssociation.of("T", null, null)),
                List.of(new MetadefObject("o", null, List.of(), null, null, null)),
                List.of(new MetadefProperty("p", "{}")), List.of(MetadefTag.named("t")));
        repository().createNamespace(new NamespaceDocument(namespace("gone", "public", "p", T0), contents), false,
                T0);
        repository().deleteNamespace("gone");
        assertThat(repository().findNamespace("gone")).isEmpty();
        assertThatThrownBy(() -> repository().contents("gone")).isInstanceOf(NotFoundException.class);
        assertThat(repository().resourceTypes()).extracting(ResourceType::name).containsExactly("T");
        // The same names are free again.
        repository().createNamespace(new NamespaceDocument(namespace("gone", "public", "p", T0), contents), false,
                T0);
        assertThat(repository().contents("gone").objects()).hasSize(1);
    }

    @Test
    void objectsAndPropertiesAreReplacedRenamedAndDeleted() {
        store(namespace("ns", "public", "p", T0));
        repository().addObject("ns", new MetadefObject("a", "d", List.of("x"), "{}", null, null), T0);
        repository().addObject("ns", new MetadefObject("b", null, List.of(), null, null, null), T0);
        assertThatThrownBy(() -> repository().addObject("ns",
                new MetadefObject("a", null, List.of(), null, null, null), T0)).isInstanceOf(ConflictException.class);
        MetadefObject renamed = repository().updateObject("ns", "a",
                new MetadefObject("c", null, List.of(), null, null, null), T0.plusSeconds(1));
        assertThat(renamed.description()).isNull();
        assertThat(renamed.required()).isEmpty();
        assertThat(renamed.createdAt()).isEqualTo(T0);
        assertThat(renamed.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThatThrownBy(() -> repository().updateObject("ns", "c",
                new MetadefObject("b", null, List.of(), null, null, null), T0)).isInstanceOf(ConflictException.class);
        repository().deleteObject("ns", "c");
        assertThatThrownBy(() -> repository().deleteObject("ns", "c")).isInstanceOf(NotFoundException.class);
        repository().deleteObjects("ns");
        assertThat(repository().objects("ns")).isEmpty();

        repository().addProperty("ns", new MetadefProperty("OS::Glance::Image", "{\"type\":\"string\"}"), T0);
        repository().updateProperty("ns", "OS::Glance::Image", new MetadefProperty("q", "{\"type\":\"integer\"}"), T0);
        assertThat(repository().findProperty("ns", "q")).contains(new MetadefProperty("q", "{\"type\":\"integer\"}"));
        assertThat(repository().findProperty("ns", "OS::Glance::Image")).isEmpty();
        repository().deleteProperties("ns");
        assertThat(repository().properties("ns")).isEmpty();
        assertThatThrownBy(() -> repository().addProperty("missing", new MetadefProperty("q", "{}"), T0))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("missing");
    }

    @Test
    void tagsAreReplacedOrAppendedAllOrNothingAndPaged() {
        store(namespace("ns", "public", "p", T0));
        repository().addTags("ns", List.of(MetadefTag.named("a"), MetadefTag.named("b")), false, T0);
        repository().addTags("ns", List.of(MetadefTag.named("c")), false, T0.plusSeconds(1));
        assertThat(tagNames(TagQuery.ALL)).containsExactly("c");
        repository().addTags("ns", List.of(MetadefTag.named("d"), MetadefTag.named("e")), true, T0.plusSeconds(2));
        assertThatThrownBy(() -> repository().addTags("ns", List.of(MetadefTag.named("f"), MetadefTag.named("c")),
                true, T0)).isInstanceOf(ConflictException.class).hasMessageContaining("c");
        assertThatThrownBy(() -> repository().addTags("ns", List.of(MetadefTag.named("g"), MetadefTag.named("g")),
                false, T0)).isInstanceOf(ConflictException.class);
        assertThat(tagNames(TagQuery.ALL)).containsExactly("c", "d", "e");
        assertThat(tagNames(new TagQuery(null, 2, TagSortKey.NAME, SortDirection.DESC))).containsExactly("e", "d");
        assertThat(tagNames(new TagQuery("d", 2, TagSortKey.NAME, SortDirection.DESC))).containsExactly("c");
        assertThatThrownBy(() -> tagNames(new TagQuery("zz", 2, TagSortKey.NAME, SortDirection.DESC)))
                .isInstanceOf(NotFoundException.class);
        MetadefTag renamed = repository().updateTag("ns", "c", MetadefTag.named("z"), T0.plusSeconds(3));
        assertThat(renamed.name()).isEqualTo("z");
        assertThat(renamed.createdAt()).isEqualTo(T0.plusSeconds(1));
        repository().deleteTag("ns", "z");
        repository().deleteTags("ns");
        assertThat(tagNames(TagQuery.ALL)).isEmpty();
    }

    private List<String> tagNames(TagQuery query) {
        return repository().tags("ns", query).stream().map(MetadefTag::name).toList();
    }

    @Test
    void deleteAllEmptiesTheCatalogResourceTypesIncluded() {
        repository().createNamespace(new NamespaceDocument(namespace("ns", "public", "p", T0),
                new NamespaceContents(List.of(ResourceTypeAssociation.of("T", null, null)), List.of(), List.of(),
                        List.of(MetadefTag.named("t")))), true, T0);
        repository().deleteAll();
        assertThat(list(all(null, 10, NamespaceSortKey.CREATED_AT, SortDirection.DESC))).isEmpty();
        assertThat(repository().resourceTypes()).isEmpty();
    }
}
