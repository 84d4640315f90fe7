-- The metadata definitions catalog (spec glance-metadefs §11). Same rules as V1: one file for MariaDB and H2 in
-- MODE=MariaDB, utf8mb4_nopad_bin so that names compare case-sensitively on both (Glance on MySQL compares them
-- case-insensitively; we document the difference), DATETIME in UTC with second precision, no reserved words.
-- Children point at their namespace by a surrogate id so that a rename touches one row; deletes cascade in code
-- (one transaction) and, as a safety net, by foreign key.

CREATE TABLE metadef_namespaces (
    id           INT          NOT NULL AUTO_INCREMENT,
    namespace    VARCHAR(80)  NOT NULL,
    display_name VARCHAR(80)  NULL,
    description  TEXT         NULL,
    -- NULL is allowed: definitions files may omit it; NULL is shown as private and is not public.
    visibility   VARCHAR(32)  NULL,
    is_protected BOOLEAN      NULL,
    owner        VARCHAR(255) NOT NULL,
    created_at   DATETIME     NOT NULL,
    updated_at   DATETIME     NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_metadef_namespaces_namespace UNIQUE (namespace)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_metadef_namespaces_created_at ON metadef_namespaces (created_at, id);
CREATE INDEX ix_metadef_namespaces_owner ON metadef_namespaces (owner);

CREATE TABLE metadef_objects (
    id             INT         NOT NULL AUTO_INCREMENT,
    namespace_id   INT         NOT NULL,
    name           VARCHAR(80) NOT NULL,
    description    TEXT        NULL,
    -- The object's required property names, comma-joined as Glance stores them.
    required_names TEXT        NULL,
    -- A JSON object: property name -> property definition.
    json_schema    TEXT        NULL,
    created_at     DATETIME    NOT NULL,
    updated_at     DATETIME    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_metadef_objects_name UNIQUE (namespace_id, name),
    CONSTRAINT fk_metadef_objects_namespace FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_properties (
    id           INT         NOT NULL AUTO_INCREMENT,
    namespace_id INT         NOT NULL,
    name         VARCHAR(80) NOT NULL,
    -- One property definition as a JSON object.
    json_schema  TEXT        NOT NULL,
    created_at   DATETIME    NOT NULL,
    updated_at   DATETIME    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_metadef_properties_name UNIQUE (namespace_id, name),
    CONSTRAINT fk_metadef_properties_namespace FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_tags (
    id           INT         NOT NULL AUTO_INCREMENT,
    namespace_id INT         NOT NULL,
    name         VARCHAR(80) NOT NULL,
    created_at   DATETIME    NOT NULL,
    updated_at   DATETIME    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_metadef_tags_name UNIQUE (namespace_id, name),
    CONSTRAINT fk_metadef_tags_namespace FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_resource_types (
    id           INT         NOT NULL AUTO_INCREMENT,
    name         VARCHAR(80) NOT NULL,
    is_protected BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at   DATETIME    NOT NULL,
    updated_at   DATETIME    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_metadef_resource_types_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE metadef_namespace_resource_types (
    resource_type_id  INT         NOT NULL,
    namespace_id      INT         NOT NULL,
    properties_target VARCHAR(80) NULL,
    prefix            VARCHAR(80) NULL,
    created_at        DATETIME    NOT NULL,
    updated_at        DATETIME    NULL,
    PRIMARY KEY (resource_type_id, namespace_id),
    CONSTRAINT fk_metadef_ns_rt_namespace FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_metadef_ns_rt_resource_type FOREIGN KEY (resource_type_id) REFERENCES metadef_resource_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_metadef_ns_rt_namespace ON metadef_namespace_resource_types (namespace_id);
