package io.glance.adapters.db;

/** One row of {@code image_locations}; {@code metadata} is a flat JSON object (see {@link LocationMetadataJson}). */
record LocationRow(String imageId, int position, String url, String metadata) {
}
