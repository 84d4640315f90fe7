package io.glance.domain.metadef;

import static java.util.Objects.requireNonNull;

/** A namespace with everything inside it: one definitions file, one export, one nested create. */
public record NamespaceDocument(MetadefNamespace namespace, NamespaceContents contents) {

    public NamespaceDocument {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(contents, "contents is null");
    }
}
