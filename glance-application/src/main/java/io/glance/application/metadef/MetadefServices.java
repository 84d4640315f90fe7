package io.glance.application.metadef;

import io.glance.ports.in.metadef.MetadefDefinitions;
import io.glance.ports.in.metadef.MetadefNamespaces;
import io.glance.ports.in.metadef.MetadefObjects;
import io.glance.ports.in.metadef.MetadefProperties;
import io.glance.ports.in.metadef.MetadefResourceTypes;
import io.glance.ports.in.metadef.MetadefTags;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.ports.out.metadef.MetadefRepository;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** The catalog's use cases wired to its repository: what the composition root builds once. */
public final class MetadefServices {
    private final MetadefNamespaces namespaces;
    private final MetadefObjects objects;
    private final MetadefProperties properties;
    private final MetadefTags tags;
    private final MetadefResourceTypes resourceTypes;
    private final MetadefDefinitions definitions;

    /**
     * @param policy the rules the catalog's use cases enforce (Glance's {@code *_metadef_*} rules)
     */
    public MetadefServices(MetadefRepository repository, Clock clock, PolicyEnforcer policy) {
        requireNonNull(repository, "repository is null");
        requireNonNull(clock, "clock is null");
        MetadefAccess access = new MetadefAccess(repository, new MetadefRules(policy));
        this.namespaces = new NamespaceService(repository, access, clock);
        this.objects = new ObjectService(repository, access, clock);
        this.properties = new PropertyService(repository, access, clock);
        this.tags = new TagService(repository, access, clock);
        this.resourceTypes = new ResourceTypeService(repository, access, clock);
        this.definitions = definitions(repository, clock);
    }

    /** What glance-manage needs: it acts as the operator, outside any policy. */
    public static MetadefDefinitions definitions(MetadefRepository repository, Clock clock) {
        return new DefinitionsService(repository, clock);
    }

    public MetadefNamespaces namespaces() {
        return namespaces;
    }

    public MetadefObjects objects() {
        return objects;
    }

    public MetadefProperties properties() {
        return properties;
    }

    public MetadefTags tags() {
        return tags;
    }

    public MetadefResourceTypes resourceTypes() {
        return resourceTypes;
    }

    public MetadefDefinitions definitions() {
        return definitions;
    }
}
