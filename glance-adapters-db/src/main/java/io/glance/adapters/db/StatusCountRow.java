package io.glance.adapters.db;

/** How many of an owner's live images have one status, and their bytes: a row of {@code tallyByStatus}. */
record StatusCountRow(String status, long images, long bytes) {
}
