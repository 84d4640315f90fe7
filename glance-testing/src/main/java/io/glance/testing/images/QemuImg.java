package io.glance.testing.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes sample images with the real qemu-img (Debian's qemu-utils), so no image is checked in. */
public final class QemuImg {
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");

    private QemuImg() {
    }

    /** {@code qemu-img create -f FORMAT [ARGS...] FILE SIZE}. */
    public static Path create(Path file, String format, String size, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", format));
        command.addAll(List.of(args));
        command.add(file.toString());
        command.add(size);
        run(command);
        return file;
    }

    /** {@code qemu-img convert -f FROM -O TO [ARGS...] SOURCE TARGET}. */
    public static Path convert(Path source, String from, Path target, String to, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("qemu-img", "convert", "-f", from, "-O", to));
        command.addAll(List.of(args));
        command.add(source.toString());
        command.add(target.toString());
        run(command);
        return target;
    }

    /** The virtual size {@code qemu-img info} reports. */
    public static long virtualSize(Path file, String format) throws IOException {
        String json = run(List.of("qemu-img", "info", "--output=json", "-f", format, file.toString()));
        Matcher matcher = VIRTUAL_SIZE.matcher(json);
        if (!matcher.find()) {
            throw new IOException("no virtual-size in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    public static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            process.destroy();
        }
    }
}
