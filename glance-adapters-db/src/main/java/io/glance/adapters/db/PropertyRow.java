package io.glance.adapters.db;

/** One row of {@code image_properties}. */
record PropertyRow(String imageId, String name, String propertyValue, int position) {
}
