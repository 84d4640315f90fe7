package io.glance.domain.task;

import io.glance.domain.InvalidInputException;

import java.util.Locale;

/** A task's status (Glance's task schema): {@code pending → processing → success | failure}. */
public enum TaskStatus {
    PENDING, PROCESSING, SUCCESS, FAILURE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task has ended: it gets an {@code expires_at} and is never run again. */
    public boolean finished() {
        return this == SUCCESS || this == FAILURE;
    }

    /** Parses the wire form; throws {@link InvalidInputException} naming the value when unknown. */
    public static TaskStatus fromWire(String value) {
        for (TaskStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException("Invalid status value: " + value);
    }
}
