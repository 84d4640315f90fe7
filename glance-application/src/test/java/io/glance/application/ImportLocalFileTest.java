package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.StagingArea;
import io.glance.ports.out.WebDownloads;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import io.glance.testing.InMemoryTaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import whose staged data is a local file that the store can take as it is (SPI 1.8's putLocalFile: the
 * filesystem store links it): the store takes the file while the flow digests it in a read of its own, and a
 * failure of that read (here the size cap after a step made the data bigger) removes what the store took.
 */
class ImportLocalFileTest {
    @TempDir
    Path dir;
    private final InMemoryStoreDriver memory = new InMemoryStoreDriver("file");
    private final LinkingStore store = new LinkingStore(memory);
    private final InMemoryImageRepository repository = new InMemoryImageRepository();
    private final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    private final List<ImportStep> steps = new ArrayList<>();
    private GlanceServices services;
    private FileStaging staging;

    private GlanceServices services(UploadLimits limits) {
        InMemoryStoreRegistry stores = new InMemoryStoreRegistry(List.of(new ConfiguredStore("file", "memory", null,
                true, memory.capabilities(), Map.of(), store)), false);
        WebDownloads none = new WebDownloads() {
            @Override
            public void check(URI uri) {
            }

            @Override
            public Body open(URI uri) throws IOException {
                throw new IOException("no web here");
            }
        };
        services = new GlanceServices(repository, repository, stores, new TestClock(), limits,
                OsloPolicy.defaults(false), PropertyProtection.NONE, ImageQuotas.defaults(), repository,
                io.glance.ports.out.ImageCache.NONE, new GlanceServices.Imports(tasks,
                staging = new FileStaging(dir.resolve("staging")), none, ImportSettings.defaults(), steps, "node-1"));
        return services;
    }

    @AfterEach
    void close() {
        if (services != null) {
            services.close();
        }
    }

    private ImageId stagedImage(byte[] data) {
        ImageId id = services.catalog().create(ALICE, new io.glance.ports.in.CreateImageCommand(null, "img", null,
                null, null, null, null, "raw", "bare", null, false, List.of(), Map.of())).id();
        services.imports().stage(ALICE, id, new ByteArrayInputStream(data), -1);
        return id;
    }

    private Task imported(ImageId id) {
        Task task = services.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")).orElseThrow();
        return ImportFixture.await(() -> tasks.findById(task.id()).filter(t -> t.status().finished()).orElse(null));
    }

    @Test
    void theStoreTakesTheStagedFileAndTheImageGetsItsDigests() {
        services(UploadLimits.defaults());
        byte[] data = TestData.bytes(3 * UploadStream.BUFFER_SIZE + 7);
        ImageId id = stagedImage(data);

        Task done = imported(id);

        assertThat(done.status()).as(done.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(store.filesTaken.get()).isEqualTo(1);
        assertThat(store.streamsPut.get()).as("no copy through put").isZero();
        Image image = repository.findAny(id).orElseThrow();
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.size()).isEqualTo(data.length);
        assertThat(image.checksums().md5()).isEqualTo(TestData.hex("MD5", data));
        assertThat(image.checksums().hashValue()).isEqualTo(TestData.hex("SHA-512", data));
        assertThat(memory.bytesOf(id.value())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(data));
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void whenTheDigestReadFailsWhatTheStoreTookIsDeleted() {
        byte[] bigger = TestData.bytes(20_000);
        steps.add(new ImportStep() {
            @Override
            public String name() {
                return "grow";
            }

            @Override
            public void apply(Context context) throws Exception {
                Path next = Path.of(context.stagedData()).resolveSibling("grown");
                Files.write(next, bigger);
                context.replaceStagedData(next.toUri());
            }
        });
        services(new UploadLimits(10_000));
        ImageId id = stagedImage(TestData.bytes(1000));

        Task done = imported(id);

        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).contains("image_size_cap of 10000");
        assertThat(store.filesTaken.get()).isEqualTo(1);
        assertThat(memory.objectCount()).as("the object the store took is deleted").isZero();
        assertThat(repository.findAny(id).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void dataAStepAnnouncedWhileWritingItIsDigestedThenAndNotReadAgain() {
        byte[] converted = TestData.bytes(4 * UploadStream.BUFFER_SIZE + 99);
        steps.add(windowedStep(converted));
        services(UploadLimits.defaults());
        ImageId id = stagedImage(TestData.bytes(1000));
        staging.bytesRead.set(0);

        Task done = imported(id);

        assertThat(done.status()).as(done.message()).isEqualTo(TaskStatus.SUCCESS);
        Image image = repository.findAny(id).orElseThrow();
        assertThat(image.size()).isEqualTo(converted.length);
        assertThat(image.checksums().md5()).isEqualTo(TestData.hex("MD5", converted));
        assertThat(image.checksums().hashValue()).isEqualTo(TestData.hex("SHA-512", converted));
        assertThat(memory.bytesOf(id.value())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(converted));
        assertThat(staging.bytesRead.get()).as("only the format check's header is read from staging")
                .isLessThan(UploadStream.BUFFER_SIZE);
        assertThat(store.streamsPut.get()).isZero();
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void aStoreThatCopiesGetsAnnouncedDataThroughOneDigestingRead() {
        byte[] converted = TestData.bytes(2 * UploadStream.BUFFER_SIZE + 5);
        steps.add(windowedStep(converted));
        store.takesFiles = false;
        services(UploadLimits.defaults());
        ImageId id = stagedImage(TestData.bytes(1000));
        staging.bytesRead.set(0);

        Task done = imported(id);

        assertThat(done.status()).as(done.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(store.streamsPut.get()).isEqualTo(1);
        assertThat(staging.bytesRead.get()).isEqualTo(converted.length);
        Image image = repository.findAny(id).orElseThrow();
        assertThat(image.checksums().md5()).isEqualTo(TestData.hex("MD5", converted));
        assertThat(image.checksums().hashValue()).isEqualTo(TestData.hex("SHA-512", converted));
    }

    @Test
    void announcedDataAboveTheCapFailsTheImportAndLeavesNothing() {
        steps.add(windowedStep(TestData.bytes(30_000)));
        services(new UploadLimits(10_000));
        ImageId id = stagedImage(TestData.bytes(1000));

        Task done = imported(id);

        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).contains("image_size_cap of 10000");
        assertThat(memory.objectCount()).isZero();
        assertThat(repository.findAny(id).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    /** Writes {@code data} into a new file in three windows, announcing each, then puts it in place of the staged data. */
    private static ImportStep windowedStep(byte[] data) {
        return new ImportStep() {
            @Override
            public String name() {
                return "windows";
            }

            @Override
            public void apply(Context context) throws Exception {
                Path next = Path.of(context.stagedData()).resolveSibling("converted");
                int window = data.length / 3 + 1;
                try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(next.toFile(), "rw")) {
                    out.setLength(data.length);
                    for (int start = 0; start < data.length; start += window) {
                        int length = Math.min(window, data.length - start);
                        out.seek(start);
                        out.write(data, start, length);
                        context.writtenUpTo(next.toUri(), start + length);
                    }
                } catch (Exception e) {
                    // as image_conversion does with its output: a step that fails removes what it wrote (writtenUpTo
                    // throws once the digest reader has found the cap passed, which may be before the last window)
                    java.nio.file.Files.deleteIfExists(next);
                    throw e;
                }
                context.replaceStagedData(next.toUri());
            }
        };
    }

    /** Takes local files like the filesystem store (here: by reading them into the in-memory store). */
    private static final class LinkingStore implements StoreDriver {
        final AtomicInteger filesTaken = new AtomicInteger();
        final AtomicInteger streamsPut = new AtomicInteger();
        volatile boolean takesFiles = true;
        private final InMemoryStoreDriver delegate;

        LinkingStore(InMemoryStoreDriver delegate) {
            this.delegate = delegate;
        }

        @Override
        public String storeId() {
            return delegate.storeId();
        }

        @Override
        public boolean takesLocalFile(Path file) {
            return takesFiles;
        }

        @Override
        public StoredObject putLocalFile(String imageId, Path file, long size) {
            filesTaken.incrementAndGet();
            try (InputStream data = Files.newInputStream(file)) {
                return delegate.put(imageId, data, size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public StoredObject put(String imageId, InputStream data, long expectedSize) {
            streamsPut.incrementAndGet();
            return delegate.put(imageId, data, expectedSize);
        }

        @Override
        public ObjectData get(URI location, ByteRange range) {
            return delegate.get(location, range);
        }

        @Override
        public long size(URI location) {
            return delegate.size(location);
        }

        @Override
        public void delete(URI location) {
            delegate.delete(location);
        }
    }

    /** The file staging area's behaviour in a few lines: one file per image, published when complete. */
    private static final class FileStaging implements StagingArea {
        /** Bytes read through {@link #open}. */
        final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
        private final Path directory;

        FileStaging(Path directory) {
            this.directory = directory;
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long write(ImageId id, InputStream data) throws IOException {
            Path partial = directory.resolve("." + id.value() + ".partial");
            long written = Files.copy(data, partial);
            try {
                Files.move(partial, file(id));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.delete(partial);
                throw new ConflictException("The image " + id + " has data on staging");
            }
            return written;
        }

        @Override
        public OptionalLong size(ImageId id) {
            try {
                return OptionalLong.of(Files.size(file(id)));
            } catch (NoSuchFileException e) {
                return OptionalLong.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public InputStream open(ImageId id) throws IOException {
            return new java.io.FilterInputStream(Files.newInputStream(file(id))) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    bytesRead.addAndGet(Math.max(read, 0));
                    return read;
                }
            };
        }

        @Override
        public URI location(ImageId id) {
            return file(id).toUri();
        }

        @Override
        public void replace(ImageId id, URI newData) throws IOException {
            Files.move(Path.of(newData), file(id), StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void delete(ImageId id) {
            try {
                Files.deleteIfExists(file(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<ImageId> staged() {
            return List.of();
        }

        @Override
        public String describe() {
            return directory.toUri().toString();
        }

        private Path file(ImageId id) {
            return directory.resolve(id.value());
        }
    }
}
