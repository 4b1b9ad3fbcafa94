-- Tenants, app credentials, workspaces and rule repositories.
-- Ids are application-generated 64-bit integers; times are Unix milliseconds;
-- lists inside a rule are JSON text.

CREATE TABLE enterprises (
    id          BIGINT PRIMARY KEY,
    created_at  BIGINT NOT NULL
);

CREATE TABLE apps (
    id             BIGINT PRIMARY KEY,
    app_id         TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
    secret_hash    TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);

CREATE TABLE workspaces (
    id                   BIGINT PRIMARY KEY,
    enterprise_id        BIGINT NOT NULL REFERENCES enterprises (id),
    owner_app            BIGINT NOT NULL REFERENCES apps (id),
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL,
    auth_scope           BIGINT NOT NULL,
    callback_url         TEXT NOT NULL,
    callback_retry_time  BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX workspaces_by_enterprise ON workspaces (enterprise_id, id);

CREATE TABLE rule_repos (
    id            BIGINT PRIMARY KEY,
    workspace_id  BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX rule_repos_by_workspace ON rule_repos (workspace_id, id);

CREATE TABLE rule_groups (
    id          BIGINT PRIMARY KEY,
    repo_id     BIGINT NOT NULL REFERENCES rule_repos (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX rule_groups_by_repo ON rule_groups (repo_id, id);

CREATE TABLE rules (
    id                 BIGINT PRIMARY KEY,
    repo_id            BIGINT NOT NULL REFERENCES rule_repos (id) ON DELETE CASCADE,
    group_id           BIGINT NOT NULL REFERENCES rule_groups (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    prompt             TEXT NOT NULL,
    category_ids       TEXT NOT NULL,
    risk_level         BIGINT NOT NULL,
    referenced_fields  TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX rules_by_repo ON rules (repo_id, id);
CREATE INDEX rules_by_group ON rules (group_id);
