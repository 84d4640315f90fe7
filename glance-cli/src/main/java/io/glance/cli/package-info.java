/** The {@code glance} command line over {@link io.glance.client.GlanceClient}: {@link io.glance.cli.GlanceCli}. */
package io.glance.cli;
