-- Categories (document types) with their fields, tables and sample files.
-- Ids are application-generated 64-bit integers; times are Unix milliseconds;
-- booleans are 0/1; keyword rules, aliases and transform settings are JSON text.
-- Sample files are kept in the database, so a backup of it is a backup of them.

CREATE TABLE categories (
    id               BIGINT PRIMARY KEY,
    workspace_id     BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    category_prompt  TEXT NOT NULL,
    extract_model    TEXT NOT NULL,
    enabled          BIGINT NOT NULL,
    keyword_rules    TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- Uploads name their category: names are unique (and case-sensitive) per workspace.
CREATE UNIQUE INDEX categories_by_name ON categories (workspace_id, name);

CREATE TABLE category_tables (
    id                        BIGINT PRIMARY KEY,
    category_id               BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    name                      TEXT NOT NULL,
    description               TEXT NOT NULL,
    prompt                    TEXT NOT NULL,
    collect_from_multi_table  BIGINT NOT NULL,
    extract_model             TEXT NOT NULL,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);
CREATE UNIQUE INDEX category_tables_by_name ON category_tables (category_id, name);

-- A field is a regular field of its category (table_id NULL) or a column of a table.
CREATE TABLE category_fields (
    id                        BIGINT PRIMARY KEY,
    category_id               BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    table_id                  BIGINT REFERENCES category_tables (id) ON DELETE CASCADE,
    name                      TEXT NOT NULL,
    description               TEXT NOT NULL,
    prompt                    TEXT NOT NULL,
    use_prompt                BIGINT NOT NULL,
    alias                     TEXT NOT NULL,
    identity                  TEXT NOT NULL,
    multi_value               BIGINT NOT NULL,
    duplicate_value_distinct  BIGINT NOT NULL,
    transform_settings        TEXT,
    extract_model             TEXT NOT NULL,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);
-- Names are unique among the regular fields, and among the columns of each table.
CREATE UNIQUE INDEX category_fields_by_name ON category_fields (category_id, COALESCE(table_id, 0), name);
CREATE INDEX category_fields_by_table ON category_fields (table_id);

CREATE TABLE category_samples (
    id           BIGINT PRIMARY KEY,
    category_id  BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    byte_size    BIGINT NOT NULL,
    content      BYTEA NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX category_samples_by_category ON category_samples (category_id, id);
