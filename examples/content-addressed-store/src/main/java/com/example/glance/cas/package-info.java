/**
 * An example third-party store plugin for Glance: the {@code cas} store type, a content-addressed directory.
 *
 * <p>Each distinct content is kept once, as {@code <root>/<first two hex digits>/<sha256>}; each image has a pointer
 * file {@code <root>/index/<image id>} holding the digest of its content. Uploads are written under {@code tmp/} and
 * published with hard links, which never replace an existing name. A blob is deleted with the last pointer to it.
 *
 * <p>Only {@link com.example.glance.cas.CasStoreDriverFactory} is public; the host finds it through
 * {@code META-INF/services/io.glance.store.spi.StoreDriverFactory}.
 */
package com.example.glance.cas;
