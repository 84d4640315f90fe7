/**
 * The filesystem store plugin: the {@code file} store type. Only
 * {@link io.glance.store.filesystem.FilesystemStoreDriverFactory} is public; the host finds it through
 * {@code META-INF/services}.
 */
package io.glance.store.filesystem;
