package io.glance.testing;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.ports.out.StagingArea;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link StagingArea} in memory for unit tests (small data only). Writes are atomic like the file area's: the data
 * appears when the stream ended without error. {@code replace} takes {@code memory:} URIs of {@link #put} data.
 */
public final class InMemoryStagingArea implements StagingArea {
    private final Map<ImageId, byte[]> staged = new ConcurrentHashMap<>();
    private final Map<URI, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public long write(ImageId id, InputStream data) throws IOException {
        if (staged.containsKey(id)) {
            throw new ConflictException("The image " + id + " has data on staging");
        }
        byte[] bytes = data.readAllBytes();
        if (staged.putIfAbsent(id, bytes) != null) {
            throw new ConflictException("The image " + id + " has data on staging");
        }
        return bytes.length;
    }

    @Override
    public OptionalLong size(ImageId id) {
        byte[] bytes = staged.get(id);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes.length);
    }

    @Override
    public InputStream open(ImageId id) throws IOException {
        byte[] bytes = staged.get(id);
        if (bytes == null) {
            throw new NoSuchFileException(location(id).toString());
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public URI location(ImageId id) {
        return URI.create("memory:/staging/" + id.value());
    }

    /** Makes {@code bytes} available under a {@code memory:} URI, as a step would write a converted file. */
    public URI put(String name, byte[] bytes) {
        URI uri = URI.create("memory:/work/" + name);
        files.put(uri, bytes.clone());
        return uri;
    }

    @Override
    public void replace(ImageId id, URI newData) throws IOException {
        byte[] bytes = files.remove(newData);
        if (bytes == null) {
            throw new NoSuchFileException(newData.toString());
        }
        staged.put(id, bytes);
    }

    @Override
    public void delete(ImageId id) {
        staged.remove(id);
    }

    @Override
    public List<ImageId> staged() {
        return new ArrayList<>(staged.keySet());
    }

    @Override
    public String describe() {
        return "memory staging";
    }
}
