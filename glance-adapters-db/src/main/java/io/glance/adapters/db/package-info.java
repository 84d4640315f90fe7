/**
 * The database adapter: {@link io.glance.ports.out.ImageRepository} on MyBatis mappers, with Flyway migrations that
 * run unchanged on the embedded H2 default and on MariaDB. Entry point: {@link io.glance.adapters.db.GlanceDatabase}.
 */
package io.glance.adapters.db;
