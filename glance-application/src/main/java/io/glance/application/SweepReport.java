package io.glance.application;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one sweep found. The counts are exact; the lists keep the first {@value #KEPT} entries of each kind, so a
 * store full of orphans cannot fill the heap (the log and {@code glance-manage sweep} print every entry as it is
 * found, through the sweep's listener).
 */
public final class SweepReport {
    /** Entries kept per list. */
    public static final int KEPT = 1000;

    /** An object of {@code store} that no image records. */
    public record Orphan(String store, String key, URI location, long size, Instant lastModified, boolean deleted) {
        @Override
        public String toString() {
            return "orphan store=" + store + " key=" + key + " location=" + location + " size=" + size
                    + " last_modified=" + lastModified + (deleted ? " deleted" : "");
        }
    }

    /** An active image whose data at {@code location} is not in {@code store}. */
    public record MissingData(String imageId, String store, String location) {
        @Override
        public String toString() {
            return "missing image=" + imageId + " store=" + store + " location=" + location;
        }
    }

    private final List<Orphan> orphans = new ArrayList<>();
    private final List<MissingData> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long listed;
    private long orphanCount;
    private long orphanBytes;
    private long deleted;
    private long missingCount;
    private long imagesChecked;

    void listed() {
        listed++;
    }

    void orphan(Orphan orphan) {
        orphanCount++;
        orphanBytes += orphan.size();
        if (orphan.deleted()) {
            deleted++;
        }
        if (orphans.size() < KEPT) {
            orphans.add(requireNonNull(orphan, "orphan is null"));
        }
    }

    void missing(MissingData data) {
        missingCount++;
        if (missing.size() < KEPT) {
            missing.add(requireNonNull(data, "data is null"));
        }
    }

    void imageChecked() {
        imagesChecked++;
    }

    void problem(String problem) {
        if (problems.size() < KEPT) {
            problems.add(requireNonNull(problem, "problem is null"));
        }
    }

    public List<Orphan> orphans() {
        return List.copyOf(orphans);
    }

    public List<MissingData> missing() {
        return List.copyOf(missing);
    }

    /** Stores that could not be listed or read, and objects that could not be deleted, in words. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public long orphanCount() {
        return orphanCount;
    }

    public long deletedCount() {
        return deleted;
    }

    public long missingCount() {
        return missingCount;
    }

    /** One line for the log and the command's last line. */
    public String summary() {
        return "sweep: " + listed + " objects listed, " + orphanCount + " orphans (" + orphanBytes + " bytes, "
                + deleted + " deleted), " + imagesChecked + " active images checked, " + missingCount
                + " with data missing, " + problems.size() + " problems";
    }
}
