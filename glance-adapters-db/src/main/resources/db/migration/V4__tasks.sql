-- Tasks (spec glance-import-tasks-conversion §9): Glance's tasks and task_info tables in one, since every task has
-- exactly one info row. Same rules as V1: one file for MariaDB and H2 in MODE=MariaDB, DATETIME in UTC with second
-- precision, no reserved words (hence task_type, task_input, task_result). worker names the glance-api process that
-- runs the task, so that a restarted process fails only the tasks it was running itself.
CREATE TABLE tasks (
    id          VARCHAR(36)  NOT NULL,
    task_type   VARCHAR(30)  NOT NULL,
    status      VARCHAR(30)  NOT NULL,
    owner       VARCHAR(255) NULL,
    image_id    VARCHAR(36)  NULL,
    request_id  VARCHAR(64)  NULL,
    user_id     VARCHAR(64)  NULL,
    task_input  TEXT         NOT NULL,
    task_result TEXT         NULL,
    message     TEXT         NOT NULL,
    worker      VARCHAR(255) NULL,
    created_at  DATETIME     NOT NULL,
    updated_at  DATETIME     NOT NULL,
    expires_at  DATETIME     NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    deleted_at  DATETIME     NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX ix_tasks_image_id ON tasks (image_id);
CREATE INDEX ix_tasks_worker_status ON tasks (worker, status);
CREATE INDEX ix_tasks_expires_at ON tasks (expires_at);
