package io.glance.application;

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

    public ImageQuotas {
        if (userStorageBytes < 0) {
            throw new IllegalArgumentException("userStorageBytes is negative: " + userStorageBytes);
        }
    }

    /** Glance's defaults: 128 members, properties and tags, 10 locations, no storage quota. */
    public static ImageQuotas defaults() {
        return new ImageQuotas(128, 128, 128, 10, 0);
    }

    public boolean storageLimited() {
        return userStorageBytes > 0;
    }
}
