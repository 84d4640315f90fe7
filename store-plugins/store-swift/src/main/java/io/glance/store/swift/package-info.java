/**
 * The Swift store plugin: the {@code swift} store type, built on Apache jclouds' {@code openstack-swift} API (bundled
 * in the plugin zip's {@code lib/}, isolated from the host). Only {@link io.glance.store.swift.SwiftStoreDriverFactory}
 * is public; the host finds it through {@code META-INF/services}.
 */
package io.glance.store.swift;
