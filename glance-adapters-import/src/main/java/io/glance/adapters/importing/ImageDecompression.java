package io.glance.adapters.importing;

import io.glance.importing.spi.ImportContext;
import io.glance.importing.spi.ImportPlugin;
import io.glance.importing.spi.ImportPluginFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code image_decompression}: a staged file that starts like gzip ({@code 1F 8B 08}) or zip ({@code PK 03 04}, with
 * exactly one member) is replaced by its decompressed content; formats are not changed. Skipped when
 * {@code container_format} is {@code compressed} (the client wants the archive kept). The output is cut off above
 * {@code image_size_cap}, so a decompression bomb fails the import instead of filling the disk. LHA archives, which
 * Glance reads only with an optional Python module, are not supported.
 */
public final class ImageDecompression implements ImportPluginFactory {

    @Override
    public String name() {
        return "image_decompression";
    }

    @Override
    public ImportPlugin create(Map<String, String> config) {
        ImportPluginSections.requireKnownKeys(name(), config, ImportPluginSections.NONE);
        return ImageDecompression::decompress;
    }

    private static void decompress(ImportContext context) throws IOException {
        if ("compressed".equals(context.attributes().get("container_format"))) {
            return;
        }
        Path staged = context.stagedData();
        byte[] head;
        try (InputStream in = Files.newInputStream(staged)) {
            head = in.readNBytes(4);
        }
        boolean gzip = head.length >= 3 && (head[0] & 0xff) == 0x1F && (head[1] & 0xff) == 0x8B && head[2] == 8;
        boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (!gzip && !zip) {
            return;
        }
        Path output = staged.resolveSibling(staged.getFileName() + ".decompressed");
        try {
            try (InputStream in = Files.newInputStream(staged);
                 OutputStream out = Files.newOutputStream(output)) {
                if (gzip) {
                    copyCapped(new GZIPInputStream(in, 64 * 1024), out, context.sizeCap());
                } else {
                    unzipSingleMember(in, out, context.sizeCap());
                }
            }
            context.replaceStagedData(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void unzipSingleMember(InputStream in, OutputStream out, long cap) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry entry = zip.getNextEntry();
        if (entry == null) {
            throw new IllegalArgumentException("The zip archive staged for the image has no member");
        }
        copyCapped(zip, out, cap);
        ZipEntry second = zip.getNextEntry();
        if (second != null) {
            throw new IllegalArgumentException("The zip archive staged for the image has more than one member ("
                    + entry.getName() + ", " + second.getName() + ")");
        }
    }

    private static void copyCapped(InputStream in, OutputStream out, long cap) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > cap) {
                throw new IllegalArgumentException("The decompressed image data exceeds the image_size_cap of " + cap
                        + " bytes");
            }
            out.write(buffer, 0, read);
        }
    }
}
