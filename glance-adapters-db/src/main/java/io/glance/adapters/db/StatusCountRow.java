package io.glance.adapters.db;

/**
 * How many of an owner's live images have one status, whether they are being copied to stores, and their bytes: a
 * row of {@code tallyByStatus}.
 */
record StatusCountRow(String status, boolean copying, long images, long bytes) {
}
