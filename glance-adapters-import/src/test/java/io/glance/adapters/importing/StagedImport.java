package io.glance.adapters.importing;

import io.glance.importing.spi.ImportContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A hand-written import context over a staged file in a temporary folder, recording what a plugin set. */
class StagedImport implements ImportContext {
    final Map<String, String> attributes = new HashMap<>();
    /** What the plugin announced as written ({@link #writtenUpTo}), in order: file name and length. */
    final List<String> announced = new ArrayList<>();
    private final Path staged;
    private final long sizeCap;
    private final Set<String> roles;

    StagedImport(Path staged, String diskFormat, long sizeCap, Set<String> roles) {
        this.staged = staged;
        this.sizeCap = sizeCap;
        this.roles = roles;
        attributes.put("disk_format", diskFormat);
        attributes.put("container_format", "bare");
    }

    @Override
    public String imageId() {
        return "11111111-2222-3333-4444-555555555555";
    }

    @Override
    public String method() {
        return "glance-direct";
    }

    @Override
    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    @Override
    public Set<String> callerRoles() {
        return roles;
    }

    @Override
    public Path stagedData() {
        return staged;
    }

    @Override
    public long sizeCap() {
        return sizeCap;
    }

    @Override
    public void replaceStagedData(Path newData) throws IOException {
        if (!newData.getParent().equals(staged.getParent())) {
            throw new IOException(newData + " is not next to " + staged);
        }
        Files.move(newData, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void writtenUpTo(Path newData, long length) throws IOException {
        if (!Files.isRegularFile(newData) || Files.size(newData) < length) {
            throw new IOException(newData + " does not hold the " + length + " bytes announced");
        }
        announced.add(newData.getFileName() + " " + length);
    }

    @Override
    public void setAttributes(Map<String, String> changes) {
        attributes.putAll(changes);
    }
}
