package io.glance.adapters.policy;

import java.util.ArrayList;
import java.util.List;

import static io.glance.adapters.policy.RuleDefault.deprecated;
import static io.glance.adapters.policy.RuleDefault.of;

/**
 * The rules Glance Zed (25.x) registers in code ({@code glance/policies/{base,image,tasks,metadef,cache,discovery}.py}),
 * with their deprecated twins. Almost every twin is {@code rule:default}, and {@code default} allows everybody, so
 * with {@code enforce_new_defaults=false} those rules pass for every caller and only the rules without a twin
 * ({@code publicize_image}, {@code copy_image}, {@code tasks_api_access}, {@code stores_info_detail}, the cache rules)
 * restrict anything: that is what a default Zed install enforces.
 */
final class ZedPolicyDefaults {
    static final String DEFAULT = "rule:default";
    static final String METADEF_DEFAULT = "rule:metadef_default";
    static final String ADMIN = "role:admin";

    static final String PROJECT_MEMBER = "role:member and project_id:%(project_id)s";
    static final String PROJECT_READER = "role:reader and project_id:%(project_id)s";
    static final String IMAGE_MEMBER_CHECK = "project_id:%(member_id)s";
    static final String COMMUNITY_VISIBILITY_CHECK = "'community':%(visibility)s";
    static final String PUBLIC_VISIBILITY_CHECK = "'public':%(visibility)s";
    static final String SHARED_VISIBILITY_CHECK = "'shared':%(visibility)s";

    static final String PROJECT_MEMBER_OR_IMAGE_MEMBER_OR_COMMUNITY_OR_PUBLIC_OR_SHARED =
            "role:member and (project_id:%(project_id)s or " + IMAGE_MEMBER_CHECK + " or "
                    + COMMUNITY_VISIBILITY_CHECK + " or " + PUBLIC_VISIBILITY_CHECK + " or "
                    + SHARED_VISIBILITY_CHECK + ")";
    static final String PROJECT_READER_OR_IMAGE_MEMBER_OR_COMMUNITY_OR_PUBLIC_OR_SHARED =
            "role:reader and (project_id:%(project_id)s or " + IMAGE_MEMBER_CHECK + " or "
                    + COMMUNITY_VISIBILITY_CHECK + " or " + PUBLIC_VISIBILITY_CHECK + " or "
                    + SHARED_VISIBILITY_CHECK + ")";
    static final String PROJECT_READER_OR_PUBLIC_NAMESPACE =
            "role:reader and (project_id:%(project_id)s or " + PUBLIC_VISIBILITY_CHECK + ")";

    static final String ADMIN_OR_PROJECT_MEMBER = "role:admin or (" + PROJECT_MEMBER + ")";
    static final String ADMIN_OR_PROJECT_READER = "role:admin or (" + PROJECT_READER + ")";
    static final String ADMIN_OR_PROJECT_READER_GET_IMAGE =
            "role:admin or (" + PROJECT_READER_OR_IMAGE_MEMBER_OR_COMMUNITY_OR_PUBLIC_OR_SHARED + ")";
    static final String ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE =
            "role:admin or (" + PROJECT_MEMBER_OR_IMAGE_MEMBER_OR_COMMUNITY_OR_PUBLIC_OR_SHARED + ")";
    static final String ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE =
            "role:admin or (" + PROJECT_MEMBER + " and project_id:%(owner)s)";
    static final String ADMIN_OR_PROJECT_READER_GET_NAMESPACE =
            "role:admin or (" + PROJECT_READER_OR_PUBLIC_NAMESPACE + ")";
    static final String ADMIN_OR_SHARED_MEMBER = "role:admin or (role:member and " + IMAGE_MEMBER_CHECK + ")";
    // Unparenthesised in Glance too: 'and' binds tighter, so this is admin or (reader and (...)).
    static final String ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER =
            "role:admin or role:reader and (project_id:%(project_id)s or " + IMAGE_MEMBER_CHECK + ")";

    private ZedPolicyDefaults() {
    }

    static List<RuleDefault> all() {
        List<RuleDefault> rules = new ArrayList<>();
        rules.addAll(base());
        rules.addAll(images());
        rules.addAll(tasks());
        rules.addAll(metadefs());
        rules.addAll(cache());
        rules.add(of("stores_info_detail", ADMIN));
        return List.copyOf(rules);
    }

    private static List<RuleDefault> base() {
        return List.of(
                deprecated("default", "", ADMIN),
                of("context_is_admin", ADMIN));
    }

    private static List<RuleDefault> images() {
        return List.of(
                deprecated("add_image", ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE, DEFAULT),
                deprecated("delete_image", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("get_image", ADMIN_OR_PROJECT_READER_GET_IMAGE, DEFAULT),
                deprecated("get_images", ADMIN_OR_PROJECT_READER, DEFAULT),
                deprecated("modify_image", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                of("publicize_image", ADMIN),
                deprecated("communitize_image", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("download_image", ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE, DEFAULT),
                deprecated("upload_image", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("delete_image_location", ADMIN, DEFAULT),
                deprecated("get_image_location", ADMIN_OR_PROJECT_READER, DEFAULT),
                deprecated("set_image_location", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("add_member", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("delete_member", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("get_member", ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER, DEFAULT),
                deprecated("get_members", ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER, DEFAULT),
                deprecated("modify_member", ADMIN_OR_SHARED_MEMBER, DEFAULT),
                of("manage_image_cache", ADMIN),
                deprecated("deactivate", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                deprecated("reactivate", ADMIN_OR_PROJECT_MEMBER, DEFAULT),
                of("copy_image", ADMIN));
    }

    private static List<RuleDefault> tasks() {
        return List.of(
                deprecated("get_task", DEFAULT, DEFAULT),
                deprecated("get_tasks", DEFAULT, DEFAULT),
                deprecated("add_task", DEFAULT, DEFAULT),
                of("modify_task", DEFAULT),
                of("tasks_api_access", ADMIN));
    }

    private static List<RuleDefault> metadefs() {
        List<RuleDefault> rules = new ArrayList<>();
        rules.add(of("metadef_default", ""));
        rules.add(of("metadef_admin", ADMIN));
        for (String read : List.of("get_metadef_namespace", "get_metadef_object", "get_metadef_objects",
                "list_metadef_resource_types", "get_metadef_resource_type", "get_metadef_property",
                "get_metadef_properties", "get_metadef_tag", "get_metadef_tags")) {
            rules.add(deprecated(read, ADMIN_OR_PROJECT_READER_GET_NAMESPACE, METADEF_DEFAULT));
        }
        rules.add(deprecated("get_metadef_namespaces", ADMIN_OR_PROJECT_READER, METADEF_DEFAULT));
        for (String write : List.of("modify_metadef_namespace", "add_metadef_namespace", "delete_metadef_namespace",
                "modify_metadef_object", "add_metadef_object", "delete_metadef_object",
                "add_metadef_resource_type_association", "remove_metadef_resource_type_association",
                "modify_metadef_property", "add_metadef_property", "remove_metadef_property", "modify_metadef_tag",
                "add_metadef_tag", "add_metadef_tags", "delete_metadef_tag", "delete_metadef_tags")) {
            rules.add(of(write, "rule:metadef_admin"));
        }
        return rules;
    }

    private static List<RuleDefault> cache() {
        return List.of(
                deprecated("cache_image", ADMIN, "rule:manage_image_cache"),
                deprecated("cache_list", ADMIN, "rule:manage_image_cache"),
                deprecated("cache_delete", ADMIN, "rule:manage_image_cache"));
    }
}
