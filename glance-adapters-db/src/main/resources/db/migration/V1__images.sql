-- Glance image metadata (Glance v2 §4). This file must run unchanged on MariaDB 10.11+ and on H2 2.x in
-- MODE=MariaDB, so it sticks to syntax both accept:
--  * DATETIME without fractions: timestamps are UTC with second precision (the adapter truncates before writing).
--  * Table options: utf8mb4_nopad_bin makes MariaDB compare and sort text by code point and keep trailing spaces
--    significant, which is what H2 does; without it 'Alpha' = 'alpha' on MariaDB and the two databases would
--    order, filter and paginate differently. H2 accepts and ignores the options.
--  * No reserved words as identifiers in either database (VALUE and KEY are reserved in H2), hence tag,
--    property_value, is_protected.
--  * BOOLEAN (TINYINT(1) on MariaDB) compared with TRUE/FALSE only.
--  * Unnamed primary keys: MariaDB ignores the name (and warns), its primary key is always called PRIMARY.

CREATE TABLE images (
    id               VARCHAR(36)  NOT NULL,
    name             VARCHAR(255) NULL,
    status           VARCHAR(30)  NOT NULL,
    visibility       VARCHAR(20)  NOT NULL,
    is_protected     BOOLEAN      NOT NULL DEFAULT FALSE,
    os_hidden        BOOLEAN      NOT NULL DEFAULT FALSE,
    owner            VARCHAR(255) NULL,
    size             BIGINT       NULL,
    virtual_size     BIGINT       NULL,
    checksum         VARCHAR(32)  NULL,
    os_hash_algo     VARCHAR(64)  NULL,
    os_hash_value    VARCHAR(128) NULL,
    disk_format      VARCHAR(20)  NULL,
    container_format VARCHAR(20)  NULL,
    min_disk         INT          NOT NULL DEFAULT 0,
    min_ram          INT          NOT NULL DEFAULT 0,
    created_at       DATETIME     NOT NULL,
    updated_at       DATETIME     NOT NULL,
    deleted_at       DATETIME     NULL,
    -- Soft delete: the row stays so that its id remains reserved (a new image may never reuse it).
    deleted          BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The default listing order is created_at DESC, id DESC; the other indexes serve the common filters.
CREATE INDEX ix_images_created_at_id ON images (created_at, id);
CREATE INDEX ix_images_updated_at ON images (updated_at);
CREATE INDEX ix_images_name ON images (name);
CREATE INDEX ix_images_status ON images (status);
CREATE INDEX ix_images_visibility ON images (visibility);
CREATE INDEX ix_images_owner ON images (owner);
CREATE INDEX ix_images_checksum ON images (checksum);
CREATE INDEX ix_images_os_hash_value ON images (os_hash_value);

-- Custom properties; position keeps the order in which they were given.
CREATE TABLE image_properties (
    image_id       VARCHAR(36)  NOT NULL,
    name           VARCHAR(255) NOT NULL,
    property_value TEXT         NOT NULL,
    position       INT          NOT NULL,
    PRIMARY KEY (image_id, name),
    CONSTRAINT fk_image_properties_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_image_properties_name ON image_properties (name);

CREATE TABLE image_tags (
    image_id VARCHAR(36)  NOT NULL,
    tag      VARCHAR(255) NOT NULL,
    position INT          NOT NULL,
    PRIMARY KEY (image_id, tag),
    CONSTRAINT fk_image_tags_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- For tag filters that select few images out of many.
CREATE INDEX ix_image_tags_tag ON image_tags (tag);

-- Where the data lives; metadata is a flat JSON object of strings (e.g. {"store":"file1"}), as Glance stores it.
CREATE TABLE image_locations (
    image_id VARCHAR(36) NOT NULL,
    position INT         NOT NULL,
    url      TEXT        NOT NULL,
    metadata TEXT        NOT NULL,
    PRIMARY KEY (image_id, position),
    CONSTRAINT fk_image_locations_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE image_members (
    image_id   VARCHAR(36)  NOT NULL,
    member     VARCHAR(255) NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    created_at DATETIME     NOT NULL,
    updated_at DATETIME     NOT NULL,
    PRIMARY KEY (image_id, member),
    CONSTRAINT fk_image_members_image FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- "Shared with me" listings look members up by project.
CREATE INDEX ix_image_members_member ON image_members (member, status);
