package io.glance.application.inspection;

import io.glance.domain.InvalidInputException;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every format inspector side by side over one pass of the data, as oslo.utils' {@code detect_file_format}
 * does: an inspector that matched completely is a candidate; none means raw; more than one is an error, except
 * {iso, gpt}, which is a bootable hybrid ISO. Once every inspector has decided, chunks are only counted, so the
 * cost of the rest of a large image is nil.
 */
final class FormatDetection {
    private final List<FormatInspector> inspectors;
    private final GptInspector gpt;
    private long position;
    private boolean allDecided;

    FormatDetection(Set<String> vmdkAllowedTypes) {
        this.gpt = new GptInspector();
        this.inspectors = List.of(new Qcow2Inspector(), new QedInspector(), new VhdInspector(), new VhdxInspector(),
                new VmdkInspector(vmdkAllowedTypes), new VdiInspector(), new IsoInspector(), gpt);
    }

    void feed(byte[] bytes, int off, int len) {
        if (!allDecided) {
            boolean undecided = false;
            for (FormatInspector inspector : inspectors) {
                if (!inspector.decided()) {
                    inspector.feed(position, bytes, off, len);
                    undecided |= !inspector.decided();
                }
            }
            allDecided = !undecided;
        }
        position += len;
    }

    /** Whether the format is known before the data ends (it then no longer depends on what follows). */
    boolean decided() {
        return allDecided;
    }

    /** Counts bytes once every inspector has decided (they would only be counted). */
    void skip(long bytes) {
        if (!allDecided) {
            throw new IllegalStateException("the format is not decided yet");
        }
        position += bytes;
    }

    /** Bytes seen so far. */
    long size() {
        return position;
    }

    /** The data ended: inspectors still waiting for bytes decide now. */
    void end() {
        for (FormatInspector inspector : inspectors) {
            if (!inspector.decided()) {
                inspector.dataEnded(position);
            }
        }
        allDecided = true;
    }

    /**
     * The format, once {@link #decided()}.
     *
     * @throws InvalidInputException when the data looks like a format but its header is malformed or cut off, or
     *                               matches several formats
     */
    DetectedFormat result() {
        if (!allDecided) {
            throw new IllegalStateException("the format is not decided yet");
        }
        Optional<FormatInspector> broken = inspectors.stream()
                .filter(inspector -> inspector.state() == FormatInspector.State.INVALID).findFirst();
        if (broken.isPresent()) {
            throw new InvalidInputException("Image data is not a valid " + broken.get().format() + " image: "
                    + broken.get().invalidReason());
        }
        List<FormatInspector> matches = inspectors.stream()
                .filter(inspector -> inspector.state() == FormatInspector.State.MATCHED).toList();
        gpt.dataSize(position);
        if (matches.isEmpty()) {
            return new DetectedFormat("raw", position, List.of());
        }
        Set<String> names = matches.stream().map(FormatInspector::format).collect(Collectors.toSet());
        FormatInspector match = matches.getFirst();
        if (names.equals(Set.of("iso", "gpt"))) {
            match = matches.stream().filter(inspector -> inspector.format().equals("iso")).findFirst().orElseThrow();
        } else if (matches.size() > 1) {
            throw new InvalidInputException("Image data matches several formats: " + names.stream().sorted()
                    .collect(Collectors.joining(", ")));
        }
        return new DetectedFormat(match.format(), match.virtualSize(), match.safetyViolations());
    }
}
