package io.glance.ports.out.metadef;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code sort_key} values of the tag list. */
public enum TagSortKey {
    ID("id"), NAME("name"), CREATED_AT("created_at"), UPDATED_AT("updated_at");

    private final String wireName;

    TagSortKey(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TagSortKey> fromWire(String value) {
        return Arrays.stream(values()).filter(key -> key.wireName.equals(value)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(TagSortKey::wireName).collect(Collectors.joining(", "));
    }
}
