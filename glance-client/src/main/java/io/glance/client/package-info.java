/**
 * A Java client for the OpenStack Images API v2 as glance-api speaks it: {@link io.glance.client.GlanceClient}.
 * Depends on the JDK's {@code java.net.http} and Jackson only.
 */
package io.glance.client;
