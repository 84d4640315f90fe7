-- Content-addressed stores (dedup: true in a store's section): one object per (store, sha512, size), the images
-- that refer to it (the reference count is the number of rows), and a journal of store objects a node is about to
-- write or delete, replayed at its next start. Same rules as V1: one file for MariaDB and H2 in MODE=MariaDB,
-- DATETIME in UTC. Locations are TEXT and too long for a MariaDB index, so they are found by location_key, the
-- hex sha256 of the location.
CREATE TABLE dedup_objects (
    store_id     VARCHAR(255) NOT NULL,
    sha512       CHAR(128)    NOT NULL,
    size         BIGINT       NOT NULL,
    location     TEXT         NOT NULL,
    location_key CHAR(64)     NOT NULL,
    created_at   DATETIME     NOT NULL,
    PRIMARY KEY (store_id, sha512, size)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE UNIQUE INDEX ix_dedup_objects_location ON dedup_objects (store_id, location_key);

CREATE TABLE dedup_references (
    store_id VARCHAR(255) NOT NULL,
    sha512   CHAR(128)    NOT NULL,
    size     BIGINT       NOT NULL,
    image_id VARCHAR(36)  NOT NULL,
    PRIMARY KEY (store_id, sha512, size, image_id),
    CONSTRAINT fk_dedup_references_object FOREIGN KEY (store_id, sha512, size)
        REFERENCES dedup_objects (store_id, sha512, size)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_dedup_references_image ON dedup_references (image_id);

CREATE TABLE dedup_journal (
    id         VARCHAR(36)  NOT NULL,
    worker     VARCHAR(255) NOT NULL,
    store_id   VARCHAR(255) NOT NULL,
    location   TEXT         NOT NULL,
    image_id   VARCHAR(36)  NOT NULL,
    created_at DATETIME     NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_dedup_journal_worker ON dedup_journal (worker, created_at);
CREATE INDEX ix_dedup_journal_image ON dedup_journal (image_id);
