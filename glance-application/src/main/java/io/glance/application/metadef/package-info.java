/**
 * The use cases of the metadata definitions catalog, built by {@link io.glance.application.metadef.MetadefServices}
 * over a {@code MetadefRepository}. Who may do what is decided in {@code MetadefAccess} alone: a namespace the caller
 * cannot see is missing (404), writes need the catalog's write rule (admin-only, as in Glance Zed), and deletes in a
 * protected namespace are refused (403).
 */
package io.glance.application.metadef;
