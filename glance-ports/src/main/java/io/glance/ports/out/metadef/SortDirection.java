package io.glance.ports.out.metadef;

/** {@code sort_dir} of the catalog's listings. */
public enum SortDirection {
    ASC, DESC;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
