package io.glance.application.inspection;

import java.util.List;

/** QED: magic {@code QED\0}, image size little-endian at 40. Always unsafe: QED is deprecated and never accepted. */
final class QedInspector extends FormatInspector {
    private final CaptureRegion header = capture(0, 512);

    @Override
    String format() {
        return "qed";
    }

    @Override
    void examine() {
        if (header.filled() >= 4 && state() == State.PENDING) {
            if (!Bytes.startsWith(header.data(), 0, "QED\0")) {
                noMatch();
                return;
            }
            candidate();
        }
        if (header.complete()) {
            matched();
        }
    }

    @Override
    long virtualSize() {
        return Bytes.u64le(header.data(), 40);
    }

    @Override
    List<SafetyViolation> safetyViolations() {
        return List.of(new SafetyViolation("qed", "QED images are not accepted"));
    }
}
