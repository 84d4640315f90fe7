package io.glance.ports.out.metadef;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code sort_key} values of the namespace list: the columns Glance accepts (it sorts by any column). */
public enum NamespaceSortKey {
    ID("id"), NAMESPACE("namespace"), DISPLAY_NAME("display_name"), VISIBILITY("visibility"),
    PROTECTED("protected"), OWNER("owner"), CREATED_AT("created_at"), UPDATED_AT("updated_at");

    private final String wireName;

    NamespaceSortKey(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NamespaceSortKey> fromWire(String value) {
        return Arrays.stream(values()).filter(key -> key.wireName.equals(value)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(NamespaceSortKey::wireName).collect(Collectors.joining(", "));
    }
}
