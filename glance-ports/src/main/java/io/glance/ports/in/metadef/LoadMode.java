package io.glance.ports.in.metadef;

import io.glance.domain.InvalidInputException;

/**
 * What {@code glance-manage db load_metadefs} does with a namespace that already exists: by default it is left as
 * it is; {@code --merge} adds the children it lacks; {@code --merge --prefer_new} also updates the namespace and the
 * children present in both; {@code --merge --overwrite} replaces it.
 */
public enum LoadMode {
    SKIP_EXISTING, MERGE, MERGE_PREFER_NEW, OVERWRITE;

    /** Glance's rules for the three flags; the combinations it refuses are refused here. */
    public static LoadMode of(boolean merge, boolean preferNew, boolean overwrite) {
        if ((preferNew || overwrite) && !merge) {
            throw new InvalidInputException("--prefer_new and --overwrite need --merge");
        }
        if (preferNew && overwrite) {
            throw new InvalidInputException("--prefer_new and --overwrite cannot be used together");
        }
        if (!merge) {
            return SKIP_EXISTING;
        }
        return overwrite ? OVERWRITE : preferNew ? MERGE_PREFER_NEW : MERGE;
    }
}
