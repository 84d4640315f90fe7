package io.glance.application.inspection;

/**
 * One failed safety check of a recognised image.
 *
 * @param check  the check's name, as operators list it in {@code gpt_safety_checks_nonfatal} (e.g. {@code mbr})
 * @param reason what is wrong, for the client's 400
 */
public record SafetyViolation(String check, String reason) {
}
