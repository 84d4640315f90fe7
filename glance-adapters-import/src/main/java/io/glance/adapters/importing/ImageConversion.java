package io.glance.adapters.importing;

import io.glance.config.OptionValues;
import io.glance.importing.spi.ArrivingStagedData;
import io.glance.importing.spi.ImportContext;
import io.glance.importing.spi.ImportPlugin;
import io.glance.importing.spi.ImportPluginFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code image_conversion}: converts the staged data to {@code image_conversion.output_format} with qemu-img, the way
 * Glance does after the 2023/2024 fixes. First {@code qemu-img info} (under Glance's limits: 2 s of CPU, 1 GiB of
 * address space) must agree with the claimed {@code disk_format} and show no backing file, no external data file
 * and an allowed VMDK create type; then {@code qemu-img convert} (under the configured limits) writes the new data
 * next to the staged file, which it replaces (with qemu-img's default output cache mode, {@code unsafe}: no flush of
 * its own; the store forces the data to disk once when it takes the file). Raw output is converted in windows of
 * the virtual disk ({@link RawWindows}), each announced to the host when done, so that the host hashes the converted
 * data while qemu-img still writes it. The image becomes {@code disk_format} = the output format,
 * {@code container_format} bare, {@code virtual_size} as qemu-img reports; its size and checksums are those of the
 * converted data. Data already in the output format is left alone.
 * <p>
 * A qcow2 converted to raw during a web-download is converted while it arrives (the plugin reads arriving data): qemu-img
 * info once the header and tables are there, each window once its clusters are ({@link ArrivingQcow2}), and qemu-img
 * info again on the whole file before it replaces the staged data. Any other case waits for the whole file.
 * <p>
 * The staged data has already passed the format inspection of the ingest path (safety checks, format match); the
 * qemu-img checks are the second opinion Glance also asks for.
 */
public final class ImageConversion implements ImportPluginFactory {
    /** Glance's QEMU_IMG_PROC_LIMITS for qemu-img info. */
    private static final Duration INFO_CPU = Duration.ofSeconds(2);
    private static final long INFO_ADDRESS_SPACE = 1L << 30;
    /** The claimed formats qemu-img may read here (those the format inspector knows). */
    private static final Set<String> CONVERTIBLE = Set.of("raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi");
    private static final Set<String> VMDK_ALLOWED = Set.of("monolithicsparse", "streamoptimized");

    @Override
    public String name() {
        return "image_conversion";
    }

    @Override
    public ImportPlugin create(Map<String, String> config) {
        OptionValues values = ImportPluginSections.requireKnownKeys(name(), config,
                ImportPluginSections.IMAGE_CONVERSION);
        String output = values.get(ImportPluginSections.OUTPUT_FORMAT);
        QemuImgProcess info = new QemuImgProcess("qemu-img", INFO_CPU, INFO_ADDRESS_SPACE);
        QemuImgProcess convert = new QemuImgProcess("qemu-img", values.get(ImportPluginSections.CPU_TIME_LIMIT),
                values.get(ImportPluginSections.ADDRESS_SPACE_LIMIT));
        return new ImportPlugin() {
            @Override
            public void apply(ImportContext context) throws Exception {
                convert(context, output, info, convert);
            }

            /** Raw output is converted window by window, which can follow a qcow2 as it downloads. */
            @Override
            public boolean readsArrivingData() {
                return output.equals("raw");
            }
        };
    }

    private static void convert(ImportContext context, String output, QemuImgProcess info, QemuImgProcess convert)
            throws IOException, InterruptedException {
        String claimed = context.attributes().get("disk_format");
        if (claimed == null || !CONVERTIBLE.contains(claimed)) {
            throw new IllegalArgumentException("Unable to convert from format " + claimed + " to " + output);
        }
        Optional<ArrivingStagedData> arriving = context.arrivingStagedData();
        if (arriving.isPresent()) {
            if (claimed.equals("qcow2") && output.equals("raw")) {
                convertWhileArriving(context, arriving.get(), info, convert);
                return;
            }
            arriving.get().awaitComplete();
        }
        Path staged = context.stagedData();
        QemuImgInfo facts = describe(info, claimed, staged);
        if (claimed.equals(output)) {
            context.setAttributes(Map.of("virtual_size", Long.toString(facts.virtualSize())));
            return;
        }
        Path converted = staged.resolveSibling(staged.getFileName() + "." + output);
        try {
            if (output.equals("raw")) {
                RawWindows.convert(context, qemuFormat(claimed), converted, facts.virtualSize(), RawWindows.WINDOW,
                        convert);
                context.replaceStagedData(converted);
                context.setAttributes(Map.of("disk_format", output, "container_format", "bare", "virtual_size",
                        Long.toString(facts.virtualSize())));
                return;
            }
            List<String> args = new ArrayList<>(List.of("convert", "-f", qemuFormat(claimed), "-O", output));
            if (output.equals("vmdk")) {
                // The VMDK subformat meant for images that travel: compressed, one file, in vmdk_allowed_types.
                args.addAll(List.of("-o", "subformat=streamOptimized"));
            }
            args.addAll(List.of(staged.toString(), converted.toString()));
            convert.run(args);
            long size = Files.size(converted);
            if (size > context.sizeCap()) {
                throw new IllegalArgumentException("The converted image (" + size + " bytes) exceeds the "
                        + "image_size_cap of " + context.sizeCap() + " bytes");
            }
            context.replaceStagedData(converted);
        } finally {
            Files.deleteIfExists(converted);
        }
        context.setAttributes(Map.of("disk_format", output, "container_format", "bare", "virtual_size",
                Long.toString(facts.virtualSize())));
    }

    /**
     * A qcow2 to raw while it downloads: {@code qemu-img info} once the header, L1 and refcount tables are there (the
     * format inspection has passed the header before any byte is readable), windows as their clusters arrive
     * ({@link ArrivingQcow2}), then, with the whole file there and checked by the ingest path, {@code qemu-img info}
     * again: its checks read only the header, but a file that ended up different must not become the image.
     */
    private static void convertWhileArriving(ImportContext context, ArrivingStagedData arriving, QemuImgProcess info,
                                             QemuImgProcess convert) throws IOException, InterruptedException {
        Path converted = context.stagedData().resolveSibling(context.stagedData().getFileName() + ".raw");
        try (ArrivingQcow2 source = ArrivingQcow2.open(arriving)) {
            QemuImgInfo facts = describe(info, "qcow2", source.file());
            RawWindows.convert(context, "qcow2", source, converted, facts.virtualSize(), RawWindows.WINDOW, convert);
            arriving.awaitComplete();
            QemuImgInfo whole = describe(info, "qcow2", context.stagedData());
            if (!whole.equals(facts)) {
                throw new IllegalArgumentException("qemu-img info of the whole image (" + whole + ") differs from"
                        + " what it said of its first bytes (" + facts + ")");
            }
            context.replaceStagedData(converted);
            context.setAttributes(Map.of("disk_format", "raw", "container_format", "bare", "virtual_size",
                    Long.toString(facts.virtualSize())));
        } finally {
            Files.deleteIfExists(converted);
        }
    }

    /** {@code qemu-img info} under its limits, with the checks of the claimed format. */
    private static QemuImgInfo describe(QemuImgProcess info, String claimed, Path file)
            throws IOException, InterruptedException {
        QemuImgProcess.Output described = info.run(List.of("info", "--output=json", "-f", qemuFormat(claimed),
                file.toString()));
        if (!described.stderr().isEmpty()) {
            throw new IllegalArgumentException("qemu-img info complained about the image: " + described.stderr());
        }
        QemuImgInfo facts = QemuImgInfo.parse(described.stdout());
        check(claimed, facts);
        return facts;
    }

    private static void check(String claimed, QemuImgInfo facts) {
        if (!facts.format().equals(qemuFormat(claimed))) {
            throw new IllegalArgumentException("qemu-img reads the image as " + facts.format() + ", not as the "
                    + claimed + " it claims to be");
        }
        if (facts.backingFile().isPresent()) {
            throw new IllegalArgumentException("The image has a backing file (" + facts.backingFile().get()
                    + "); refused");
        }
        if (facts.dataFile()) {
            throw new IllegalArgumentException("The image uses an external data file; refused");
        }
        if (claimed.equals("vmdk") && !facts.vmdkCreateType().map(String::toLowerCase)
                .filter(VMDK_ALLOWED::contains).isPresent()) {
            throw new IllegalArgumentException("The VMDK create type " + facts.vmdkCreateType().orElse("(none)")
                    + " is not allowed; refused");
        }
    }

    /** qemu-img's name of a disk format: vhd is "vpc". */
    private static String qemuFormat(String diskFormat) {
        return diskFormat.equals("vhd") ? "vpc" : diskFormat;
    }
}
