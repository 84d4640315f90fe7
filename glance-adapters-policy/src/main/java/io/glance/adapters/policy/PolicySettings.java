package io.glance.adapters.policy;

import java.nio.file.Path;

/**
 * How the policy is configured.
 *
 * @param policyFile         oslo.policy's {@code policy_file}: rules that replace Glance's defaults, or {@code null}
 *                           for the defaults alone
 * @param enforceNewDefaults {@code enforce_new_defaults}: {@code false} (Zed's default) enforces what a default Zed
 *                           install does; {@code true} the admin/member/reader personas of 2023.1
 */
public record PolicySettings(Path policyFile, boolean enforceNewDefaults) {

    /** Zed's defaults: no file, legacy rules. */
    public static PolicySettings zedDefaults() {
        return new PolicySettings(null, false);
    }
}
