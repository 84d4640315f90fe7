-- Resumable upload sessions (tus 1.0.0 into staging). Same rules as V1: one file for MariaDB and H2 in MODE=MariaDB,
-- DATETIME in UTC with second precision, no reserved words (hence upload_length, upload_offset, upload_options).
-- upload_offset is a hint for listings and logs: the partial data file on the node named by node is the truth.
CREATE TABLE upload_sessions (
    id             VARCHAR(36)  NOT NULL,
    image_id       VARCHAR(36)  NOT NULL,
    owner          VARCHAR(255) NULL,
    upload_length  BIGINT       NOT NULL,
    upload_offset  BIGINT       NOT NULL,
    upload_options TEXT         NOT NULL,
    node           VARCHAR(255) NULL,
    created_at     DATETIME     NOT NULL,
    expires_at     DATETIME     NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_upload_sessions_image_id ON upload_sessions (image_id);
CREATE INDEX ix_upload_sessions_expires_at ON upload_sessions (expires_at);
