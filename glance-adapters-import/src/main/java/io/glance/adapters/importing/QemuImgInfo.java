package io.glance.adapters.importing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts image_conversion needs from {@code qemu-img info --output=json}: the format, the virtual size, and the
 * marks of an unsafe image (a backing file, an external data file, the VMDK create type). Read with patterns rather
 * than a JSON library (the module is JDK only); the keys are qemu-img's stable ones, and the top-level
 * {@code format} comes before the {@code children} that repeat it.
 */
record QemuImgInfo(String format, long virtualSize, Optional<String> backingFile, boolean dataFile,
                   Optional<String> vmdkCreateType) {
    private static final Pattern FORMAT = Pattern.compile("\"format\":\\s*\"([^\"]+)\"");
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");
    private static final Pattern BACKING = Pattern.compile("\"(?:full-)?backing-filename\":\\s*\"([^\"]*)\"");
    private static final Pattern DATA_FILE = Pattern.compile("\"data-file\":");
    private static final Pattern CREATE_TYPE = Pattern.compile("\"create-type\":\\s*\"([^\"]+)\"");

    static QemuImgInfo parse(String json) {
        Matcher format = FORMAT.matcher(json);
        Matcher size = VIRTUAL_SIZE.matcher(json);
        if (!format.find() || !size.find()) {
            throw new QemuImgException("qemu-img info gave no format or virtual size: " + abbreviate(json));
        }
        Matcher backing = BACKING.matcher(json);
        Matcher createType = CREATE_TYPE.matcher(json);
        return new QemuImgInfo(format.group(1), Long.parseLong(size.group(1)),
                backing.find() ? Optional.of(backing.group(1)) : Optional.empty(), DATA_FILE.matcher(json).find(),
                createType.find() ? Optional.of(createType.group(1)) : Optional.empty());
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
