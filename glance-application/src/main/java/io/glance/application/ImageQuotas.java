package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glance's legacy quotas ({@code [DEFAULT]}, always active).
 *
 * @param members          {@code image_member_quota}: members per image; negative means unlimited
 * @param properties       {@code image_property_quota}: custom properties per image, not counting {@code os_glance*}
 *                         keys; negative means unlimited
 * @param tags             {@code image_tag_quota}: tags per image; negative means unlimited
 * @param locations        {@code image_location_quota}: locations per image; negative means unlimited
 * @param userStorageBytes {@code user_storage_quota}: bytes of image data per project (each location counts), 0 = off
 */
public record ImageQuotas(int members, int properties, int tags, int locations, long userStorageBytes) {
    public static final Option<Integer> IMAGE_MEMBER_QUOTA = count("image_member_quota", 128,
            "most members of one image (negative: unlimited); above it 413");
    public static final Option<Integer> IMAGE_PROPERTY_QUOTA = count("image_property_quota", 128,
            "most custom properties of one image, os_glance* not counted (negative: unlimited); above it 413");
    public static final Option<Integer> IMAGE_TAG_QUOTA = count("image_tag_quota", 128,
            "most tags of one image (negative: unlimited); above it 413");
    public static final Option<Integer> IMAGE_LOCATION_QUOTA = count("image_location_quota", 10,
            "most locations of one image (negative: unlimited); above it 413");
    public static final Option<Long> USER_STORAGE_QUOTA = Option.of("user_storage_quota", 0L, "0",
            "bytes of image data per project, each location counted (B, KB, MB, GB, TB are binary, e.g. 10GB;"
                    + " 0: unlimited); an upload crossing it gets 413", ImageQuotas::parseStorage);
    /** The options these quotas are read from. */
    public static final List<Option<?>> OPTIONS = List.of(IMAGE_MEMBER_QUOTA, IMAGE_PROPERTY_QUOTA, IMAGE_TAG_QUOTA,
            IMAGE_LOCATION_QUOTA, USER_STORAGE_QUOTA);

    /** Glance's syntax for user_storage_quota: digits, optionally followed by B, KB, MB, GB or TB, no space. */
    private static final Pattern STORAGE = Pattern.compile("(\\d+)((K|M|G|T)?B)?");

    public ImageQuotas {
        if (userStorageBytes < 0) {
            throw new IllegalArgumentException("userStorageBytes is negative: " + userStorageBytes);
        }
    }

    /** Glance's defaults: 128 members, properties and tags, 10 locations, no storage quota. */
    public static ImageQuotas defaults() {
        return new ImageQuotas(128, 128, 128, 10, 0);
    }

    public static ImageQuotas from(OptionValues values) {
        return new ImageQuotas(values.get(IMAGE_MEMBER_QUOTA), values.get(IMAGE_PROPERTY_QUOTA),
                values.get(IMAGE_TAG_QUOTA), values.get(IMAGE_LOCATION_QUOTA), values.get(USER_STORAGE_QUOTA));
    }

    /**
     * Glance's {@code user_storage_quota}: {@code 10GB} is 10 GiB, {@code 512} bytes. Glance fails each upload with
     * a 500 on anything else ({@code 10 GB}, {@code 1.5GB}, {@code 10G}); here it stops startup.
     */
    static long parseStorage(String text) {
        Matcher matcher = STORAGE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a number of bytes, optionally followed by B, KB, MB, GB or TB"
                    + " without a space, e.g. 10GB");
        }
        int shift = matcher.group(3) == null ? 0 : switch (matcher.group(3)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 40;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("at most " + Long.MAX_VALUE + " bytes", e);
        }
    }

    private static Option<Integer> count(String name, int defaultValue, String description) {
        return Option.integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE, description);
    }

    public boolean storageLimited() {
        return userStorageBytes > 0;
    }
}
