package io.glance.adapters.db;

import java.time.Instant;

/** One row of {@code images}, column for column; {@link ImageRows} converts it to and from the domain. */
record ImageRow(String id, String name, String status, String visibility, boolean isProtected, boolean osHidden,
                String owner, Long size, Long virtualSize, String checksum, String osHashAlgo, String osHashValue,
                String diskFormat, String containerFormat, int minDisk, int minRam, Instant createdAt,
                Instant updatedAt, Instant deletedAt, boolean deleted, Instant activatedAt) {
}
