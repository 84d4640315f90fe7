package io.glance.server;

import io.glance.adapters.policy.AccessRules;
import io.glance.adapters.policy.PolicySettings;
import io.glance.adapters.policy.PropertyProtectionRules.RuleFormat;
import io.glance.adapters.policy.PropertyProtectionSettings;
import io.glance.domain.RequestContext;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.PropertyProtection.Operation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** etc/policy.yaml and the two property protection samples load together and say what their comments say. */
class PolicySamplesTest {
    private static final Path ETC = Path.of("..", "etc");
    private static final RequestContext MEMBER = new RequestContext("req-m", "p1", Set.of("member", "reader"), false);
    private static final RequestContext BILLING = new RequestContext("req-b", "p1", Set.of("billing"), false);
    private static final RequestContext ADMIN = new RequestContext("req-a", "ops", Set.of("admin"), true);

    @Test
    void policySampleWithTheRolesProtections() {
        AccessRules rules = AccessRules.load(new PolicySettings(ETC.resolve("policy.yaml"), false),
                new PropertyProtectionSettings(ETC.resolve("property-protections-roles.conf"), RuleFormat.ROLES));
        Map<String, String> othersImage = Map.of("project_id", "p2", "owner", "p2", "visibility", "public");
        assertThat(rules.policy().allows("delete_image", PolicyCredentials.of(MEMBER), othersImage)).isFalse();
        assertThat(rules.policy().allows("delete_image", PolicyCredentials.of(ADMIN), othersImage)).isTrue();
        assertThat(rules.policy().allows("download_image", PolicyCredentials.of(MEMBER), othersImage)).isTrue();
        assertThat(rules.propertyProtection().allows(MEMBER, "x_billing_code", Operation.READ)).isFalse();
        assertThat(rules.propertyProtection().allows(BILLING, "x_billing_code", Operation.UPDATE)).isTrue();
        assertThat(rules.propertyProtection().allows(MEMBER, "os_distro", Operation.CREATE)).isTrue();
    }

    @Test
    void policiesProtectionsSampleUsesGlancesRules() {
        AccessRules rules = AccessRules.load(PolicySettings.zedDefaults(),
                new PropertyProtectionSettings(ETC.resolve("property-protections-policies.conf"),
                        RuleFormat.POLICIES));
        assertThat(rules.propertyProtection().allows(MEMBER, "x_billing_code", Operation.READ)).isFalse();
        assertThat(rules.propertyProtection().allows(ADMIN, "x_billing_code", Operation.READ)).isTrue();
        assertThat(rules.propertyProtection().allows(MEMBER, "os_distro", Operation.DELETE)).isTrue();
    }
}
