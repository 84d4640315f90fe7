package io.glance.adapters.policy;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.nio.file.Path;
import java.util.List;

/**
 * How the policy is configured: oslo.policy's section {@code oslo_policy}, as in {@code glance-api.conf}.
 *
 * @param policyFile         {@code policy_file}: rules that replace Glance's defaults, or {@code null} for the
 *                           defaults alone
 * @param enforceNewDefaults {@code enforce_new_defaults}: {@code false} (Zed's default) enforces what a default Zed
 *                           install does; {@code true} the admin/member/reader personas of 2023.1
 */
public record PolicySettings(Path policyFile, boolean enforceNewDefaults) {

    public static final Option<Path> POLICY_FILE = Option.path("policy_file", null, "none",
            "YAML file of policy rules that replace Glance's defaults (oslo.policy syntax); an unknown rule name or"
                    + " an unparsable rule stops startup");
    public static final Option<Boolean> ENFORCE_NEW_DEFAULTS = Option.bool("enforce_new_defaults", false,
            "true: 2023.1's admin/member/reader personas; false: what a default Zed install enforces");
    public static final OptionSection SECTION = new OptionSection("oslo_policy", "oslo.policy's settings",
            List.of(POLICY_FILE, ENFORCE_NEW_DEFAULTS));

    /** Zed's defaults: no file, legacy rules. */
    public static PolicySettings zedDefaults() {
        return new PolicySettings(null, false);
    }

    public static PolicySettings from(OptionValues values) {
        OptionValues section = values.section(SECTION);
        return new PolicySettings(section.get(POLICY_FILE), section.get(ENFORCE_NEW_DEFAULTS));
    }
}
