/** The Images API v2 resources (spec §2–§4): one Helidon service per Glance resource and their JSON mappings. */
package io.glance.http.v2;
