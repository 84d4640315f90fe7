package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageMember;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every document survives the wire unchanged, through its JSON text: an image with every attribute set (nanosecond
 * timestamps included), a member, a caller, and a query with one filter of each kind. A field the codec forgot
 * would make the remote repository differ from a local one without any contract test noticing it.
 */
class DocumentRoundTripTest {
    private static final Instant T = Instant.parse("2026-11-27T01:02:03.123456789Z");

    @Test
    void anImageWithEveryAttributeRoundTrips() throws Exception {
        Image image = Image.newImage(new ImageId("00000000-0000-4000-8000-000000000001"), T)
                .name("full").status(ImageStatus.ACTIVE).visibility(Visibility.COMMUNITY).isProtected(true)
                .osHidden(true).owner("alice").size(5L).virtualSize(9L)
                .checksums(new ImageChecksums("abc", "sha512", "def")).diskFormat("qcow2").containerFormat("bare")
                .minDisk(3).minRam(512).updatedAt(T.plusSeconds(5)).deletedAt(null).activatedAt(T.plusSeconds(4))
                .tags(Set.of("gold")).properties(Map.of("os_distro", "cirros", "empty", ""))
                .locations(List.of(new ImageLocation("http://mirror/x.img", Map.of("store", "web")),
                        new ImageLocation("http://mirror/y.img", Map.of())))
                .build();
        assertThat(ImageDocument.read(reparse(ImageDocument.write(image)), Instant.EPOCH)).isEqualTo(image);
    }

    @Test
    void anImageReadTokenByTokenFromItsTextIsTheSame() throws Exception {
        Image image = Image.newImage(new ImageId("00000000-0000-4000-8000-000000000004"), T)
                .name("streamed").status(ImageStatus.DEACTIVATED).visibility(Visibility.SHARED).owner("bob")
                .size(7L).checksums(new ImageChecksums("abc", "sha512", "def")).diskFormat("raw")
                .containerFormat("bare").updatedAt(T.plusSeconds(2)).activatedAt(T.plusSeconds(1))
                .tags(Set.of("a")).properties(Map.of("k", "v"))
                .locations(List.of(new ImageLocation("file:///x", Map.of("store", "fast")))).build();
        String text = "{\"images\": [" + Json.MAPPER.writeValueAsString(ImageDocument.write(image)) + "]}";
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            parser.nextToken(); // {
            parser.nextFieldName(); // "images"
            parser.nextToken(); // [
            parser.nextToken(); // the image's {
            assertThat(ImageDocument.read(parser, Instant.EPOCH)).isEqualTo(image);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }

    @Test
    void aCactusDocumentTakesItsDefaultsAndLooseValues() throws Exception {
        Image image = ImageDocument.read(Json.MAPPER.readTree("""
                {"name": "old", "is_public": "True", "size": " 12 ", "min_ram": 64, "location": "http://x/y",
                 "properties": {"n": 1.5, "gone": null, "nested": {"a": 2}, "s": "t"}, "tags": ["t", 3, null],
                 "unknown": {"ignored": [1, 2]}}"""), T);
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.activatedAt()).isEqualTo(T);
        assertThat(image.createdAt()).isEqualTo(T);
        assertThat(image.updatedAt()).isEqualTo(T);
        assertThat(image.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(image.size()).isEqualTo(12L);
        assertThat(image.minRam()).isEqualTo(64);
        assertThat(image.locations()).containsExactly(new ImageLocation("http://x/y", Map.of()));
        assertThat(image.properties()).containsExactly(Map.entry("n", "1.5"), Map.entry("nested", "{\"a\":2}"),
                Map.entry("s", "t"));
        assertThat(image.tags()).containsExactly("t", "3", "null");
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"name\": {\"a\": 1}}"), T))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid name: {\"a\":1}");
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"tags\": \"x\"}"), T))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid tags: \"x\"");
    }

    @Test
    void aMalformedTimestampIsRefusedNamingItsFieldAndValue() throws Exception {
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"updated_at\": \"yesterday\"}"), T))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid updated_at: 'yesterday' (expected an ISO-8601 instant)");
        try (JsonParser parser = Json.MAPPER.createParser("{\"created_at\": \"2026-13-01\"}")) {
            parser.nextToken();
            assertThatThrownBy(() -> ImageDocument.read(parser, T)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("Invalid created_at: '2026-13-01' (expected an ISO-8601 instant)");
        }
        assertThat(ImageDocument.read(Json.MAPPER.readTree("{\"deleted_at\": \"\"}"), T).deletedAt()).isNull();
    }

    @Test
    void aMemberAndACallerRoundTrip() throws Exception {
        ImageId id = new ImageId("00000000-0000-4000-8000-000000000002");
        ImageMember member = new ImageMember(id, "bob", MemberStatus.ACCEPTED, T, T.plusSeconds(1));
        assertThat(MemberDocument.read(id, reparse(MemberDocument.write(member)), Instant.EPOCH)).isEqualTo(member);
        RequestContext caller = new RequestContext("req-1", "alice", Set.of("member", "reader"), false);
        assertThat(ContextDocument.read(reparse(ContextDocument.write(caller)))).isEqualTo(caller);
    }

    @Test
    void aQueryWithEveryKindOfFilterRoundTrips() throws Exception {
        ImageQuery query = new ImageQuery(List.of(
                new ImageFilter.ColumnIn(ImageFilter.Column.DISK_FORMAT, List.of("raw", "qcow2")),
                new ImageFilter.TimeCompare(ImageFilter.TimeColumn.UPDATED_AT, ImageFilter.Comparison.GTE, T),
                new ImageFilter.SizeBetween(10L, null),
                new ImageFilter.HasTag("gold"),
                new ImageFilter.PropertyEquals("os_distro", "cirros")),
                Visibility.SHARED, true, MemberStatus.PENDING, true,
                List.of(new ImageQuery.SortKey(ImageQuery.SortKey.Column.NAME, ImageQuery.SortKey.Direction.ASC),
                        new ImageQuery.SortKey(ImageQuery.SortKey.Column.SIZE, ImageQuery.SortKey.Direction.DESC)),
                7, new ImageId("00000000-0000-4000-8000-000000000003"));
        assertThat(QueryDocument.read(reparse(QueryDocument.write(query)))).isEqualTo(query);
        ImageQuery defaults = ImageQuery.firstPage(25);
        assertThat(QueryDocument.read(reparse(QueryDocument.write(defaults)))).isEqualTo(defaults);
    }

    @Test
    void malformedDocumentsAreInvalidInputNamingTheValue() {
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"id\": \"not-a-uuid\"}"), T))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not-a-uuid");
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"status\": \"bad status\"}"), T))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid image status 'bad status'");
        assertThatThrownBy(() -> ImageDocument.read(Json.MAPPER.readTree("{\"size\": \"huge\"}"), T))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("huge");
        assertThatThrownBy(() -> QueryDocument.read(Json.MAPPER.readTree(
                "{\"filters\": [{\"type\": \"nonsense\"}]}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nonsense");
    }

    private static JsonNode reparse(JsonNode document) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(document));
    }
}
