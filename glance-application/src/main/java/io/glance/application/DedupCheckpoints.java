package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named steps of content-addressed storage where a test can stop glance-api to kill it there (option
 * {@code dedup_pause_at}, off by default): the process logs that it reached the step and waits forever, so that a
 * test kills it with SIGKILL exactly between two side effects and checks what the restart makes of it.
 */
public final class DedupCheckpoints {
    /** The steps, in the order an upload (the first four) or a delete (the last) passes them. */
    public enum Step {
        /** The location the upload will write is journalled; nothing written yet. */
        JOURNALED,
        /** The object is written under its random name; the content is not counted yet. */
        WRITTEN,
        /** The content is counted (its object registered, or a reference added to the existing one). */
        CLAIMED,
        /** The image points at the content's object; the redundant copy is not deleted yet. */
        ACTIVATED,
        /** The last reference is dropped and the object unregistered; the object is not deleted yet. */
        RELEASED;

        String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Option<String> PAUSE_AT = Option.text("dedup_pause_at", null, "never",
            "test hook, off by default: glance-api stops for good at this step of a dedup store's upload or delete ("
                    + Arrays.stream(Step.values()).map(step -> "`" + step.optionValue() + "`")
                    .collect(Collectors.joining(", ")) + ") after logging it, for a test to kill it there");
    /** The options the checkpoints are read from. */
    public static final List<Option<?>> OPTIONS = List.of(PAUSE_AT);

    private static final DedupCheckpoints NONE = new DedupCheckpoints(null);

    private final Step pauseAt;

    private DedupCheckpoints(Step pauseAt) {
        this.pauseAt = pauseAt;
    }

    /** No pause: what production runs. */
    public static DedupCheckpoints none() {
        return NONE;
    }

    /** @throws io.glance.config.ConfigurationException naming the value when it is no step */
    public static DedupCheckpoints from(OptionValues values) {
        String value = values.get(PAUSE_AT);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Arrays.stream(Step.values()).filter(step -> step.optionValue().equals(value.trim()))
                .findFirst().map(DedupCheckpoints::new)
                .orElseThrow(() -> new io.glance.config.ConfigurationException("Invalid dedup_pause_at '" + value
                        + "' (expected one of " + Arrays.stream(Step.values()).map(Step::optionValue).toList()
                        + ")"));
    }

    /** Called at each step; returns at once unless the option names it. */
    void reached(Step step) {
        if (step != pauseAt) {
            return;
        }
        // One line, on stderr and not through the logger, so a test counts exactly one per paused request.
        System.err.println("dedup checkpoint " + step.optionValue() + " reached (dedup_pause_at): waiting to be"
                + " killed");
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Stay: only SIGKILL is meant to end this.
            }
        }
    }
}
