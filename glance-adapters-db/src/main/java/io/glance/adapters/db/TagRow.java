package io.glance.adapters.db;

/** One row of {@code image_tags}. */
record TagRow(String imageId, String tag, int position) {
}
