package io.glance.ports.in.metadef;

import java.util.List;

/** What a load did, namespace by namespace, for glance-manage to report. */
public record LoadResult(List<String> created, List<String> merged, List<String> replaced, List<String> skipped) {

    public LoadResult {
        created = List.copyOf(created);
        merged = List.copyOf(merged);
        replaced = List.copyOf(replaced);
        skipped = List.copyOf(skipped);
    }
}
