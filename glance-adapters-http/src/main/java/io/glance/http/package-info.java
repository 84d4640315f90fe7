/**
 * The HTTP adapter of glance-api: the OpenStack Images API v2 (Zed) on Helidon SE. Entry point:
 * {@link io.glance.http.GlanceApiRouting#register}.
 */
package io.glance.http;
