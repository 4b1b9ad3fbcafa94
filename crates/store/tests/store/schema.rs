//! The two migration sets (`migrations/sqlite/`, `migrations/postgres/`)
//! describe one schema: a fresh database of each is migrated, its catalogue
//! read back and mapped to one vocabulary, and the two compared table by
//! table: the tables, each table's columns (type, nullability, default, and
//! their order), primary keys, foreign keys and indexes (name, table, columns
//! in order, unique or not, partial-index predicate). sqlx's own
//! `_sqlx_migrations` table is left out.
//!
//! Where the dialects must differ, the comparison treats the two spellings as
//! one and says why where it does so: `BLOB` against `bytea`
//! ([`sqlite_type`]), the names the databases give the indexes of `UNIQUE`
//! constraints ([`constraint_index_key`]), the casts and parentheses
//! PostgreSQL adds to the SQL it prints ([`normalise`]), and SQLite's
//! primary keys that allow NULL ([`read_sqlite`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use docreview_store::connect::SQLITE_FILE;
use sqlx::{Connection, PgConnection, SqliteConnection};

use crate::support::{PostgresDb, sqlite};

/// sqlx's bookkeeping, created by the migrator itself in each dialect's own way.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// A schema in the shared vocabulary.
#[derive(Debug, Default)]
struct Schema {
    tables: BTreeMap<String, Table>,
    /// By name; see [`Index`] for the ones whose names the database made up.
    indexes: BTreeMap<String, Index>,
}

#[derive(Debug, Default)]
struct Table {
    /// In the table's order.
    columns: Vec<Column>,
    /// The key's columns in key order; empty without one.
    primary_key: Vec<String>,
    foreign_keys: BTreeSet<ForeignKey>,
}

#[derive(Debug)]
struct Column {
    name: String,
    /// See [`sqlite_type`] and [`postgres_type`].
    ty: String,
    not_null: bool,
    default: Option<Sql>,
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    references: String,
    referenced_columns: Vec<String>,
    on_delete: String,
    on_update: String,
}

impl fmt::Display for ForeignKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
            self.columns.join(", "),
            self.references,
            self.referenced_columns.join(", "),
            self.on_delete,
            self.on_update
        )
    }
}

/// An index other than a primary key's (primary keys are compared as
/// [`Table::primary_key`]).
#[derive(Debug, PartialEq, Eq)]
struct Index {
    table: String,
    /// Column names, or expressions, in key order; ` DESC` appended to a
    /// descending one.
    columns: Vec<Sql>,
    unique: bool,
    /// The `WHERE` of a partial index.
    predicate: Option<Sql>,
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns: Vec<String> = self.columns.iter().map(ToString::to_string).collect();
        let unique = if self.unique { "UNIQUE " } else { "" };
        write!(f, "{unique}ON {} ({})", self.table, columns.join(", "))?;
        if let Some(predicate) = &self.predicate {
            write!(f, " WHERE {predicate}")?;
        }
        Ok(())
    }
}

/// The key of an index that a `UNIQUE` column constraint made: each database
/// names those itself (SQLite `sqlite_autoindex_<table>_<n>`, PostgreSQL
/// `<table>_<column>_key`), so they are known by what they cover instead.
fn constraint_index_key(table: &str, columns: &[Sql]) -> String {
    let columns: Vec<&str> = columns.iter().map(|column| column.normal.as_str()).collect();
    format!("(the UNIQUE constraint on {table} ({}))", columns.join(", "))
}

/// A piece of SQL (a default, an index expression, a predicate) as the
/// database gave it, compared in a normal form: see [`normalise`].
#[derive(Debug, Clone)]
struct Sql {
    text: String,
    normal: String,
}

impl Sql {
    fn new(text: &str) -> Self {
        Self { text: text.trim().to_owned(), normal: normalise(text) }
    }
}

impl PartialEq for Sql {
    fn eq(&self, other: &Self) -> bool {
        self.normal == other.normal
    }
}

impl Eq for Sql {}

impl fmt::Display for Sql {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// SQL in the form both databases agree on. PostgreSQL gives back what it
/// parsed, not what was written: it adds casts (`0::bigint`, `''::text`) and
/// parentheses (`(deleted_at IS NULL)`), and spaces and capitals change.
/// Outside quoted literals this drops `::type` casts, parentheses, double
/// quotes and whitespace, lowercases, and writes `!=` as `<>`; literals are
/// kept as they are. Dropping parentheses could make `(a OR b) AND c` equal to
/// `a OR (b AND c)`; no index or default here is that close to another.
fn normalise(sql: &str) -> String {
    /// Words of the multi-word type names a cast may end with.
    const TYPE_WORDS: [&str; 6] = ["varying", "precision", "with", "without", "time", "zone"];
    let chars: Vec<char> = sql.trim().chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let word_at = |mut j: usize| {
        let start = j;
        while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
            j += 1;
        }
        (chars[start..j].iter().collect::<String>().to_ascii_lowercase(), j)
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // A literal, to its closing quote ('' inside one is two literals
            // back to back, which comes out the same).
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                out.push(chars[i]);
                i += 1;
            }
            if i < chars.len() {
                out.push('\'');
                i += 1;
            }
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            // A cast: the type name, its extra words, and an array suffix.
            let (_, mut j) = word_at(i + 2);
            loop {
                let mut k = j;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let (word, end) = word_at(k);
                if TYPE_WORDS.contains(&word.as_str()) {
                    j = end;
                } else {
                    break;
                }
            }
            while chars.get(j) == Some(&'[') && chars.get(j + 1) == Some(&']') {
                j += 2;
            }
            i = j;
        } else if c == '!' && chars.get(i + 1) == Some(&'=') {
            out.push_str("<>");
            i += 2;
        } else {
            if !(c.is_whitespace() || c == '(' || c == ')' || c == '"') {
                out.push(c.to_ascii_lowercase());
            }
            i += 1;
        }
    }
    out
}

/// A column default in normal form; `None` for none or `NULL`. A numeric
/// default PostgreSQL keeps as a cast literal (`'-1'::integer`) loses its quotes.
fn normal_default(text: Option<&str>, ty: &str) -> Option<Sql> {
    let mut sql = Sql::new(text?);
    if sql.normal == "null" {
        return None;
    }
    let quoted = sql.normal.len() >= 2 && sql.normal.starts_with('\'') && sql.normal.ends_with('\'');
    if quoted && matches!(ty, "integer" | "real" | "numeric") {
        sql.normal = sql.normal[1..sql.normal.len() - 1].to_owned();
    }
    Some(sql)
}

/// A SQLite declared type in the shared vocabulary, by SQLite's rules of type
/// affinity (the declared type decides how values are stored, nothing more):
/// - `INTEGER`, `BIGINT`, any name with `INT` → integer. SQLite stores any
///   integer in up to 8 bytes whatever the declared width, so widths are not
///   compared (see [`postgres_type`]).
/// - `TEXT`, `VARCHAR(n)`, `CHARACTER(n)`, `CLOB` (`CHAR`, `CLOB`, `TEXT`) →
///   text. SQLite ignores lengths.
/// - `BLOB` → bytes. SQLite has no `BYTEA` and PostgreSQL no `BLOB`: the one
///   place the migration sets must spell a type differently.
/// - `REAL`, `DOUBLE`, `FLOAT` → real.
/// - `BOOLEAN` → boolean; `NUMERIC`, `DECIMAL` → numeric.
///
/// Anything else (no declared type, `DATETIME`, …) is named as unmapped, so
/// that it shows in the comparison instead of matching by accident.
fn sqlite_type(declared: &str) -> String {
    let upper = declared.trim().to_ascii_uppercase();
    let ty = if upper.contains("INT") {
        "integer"
    } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
        "text"
    } else if upper.contains("BLOB") {
        "bytes"
    } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
        "real"
    } else if upper.starts_with("BOOL") {
        "boolean"
    } else if upper.starts_with("NUMERIC") || upper.starts_with("DECIMAL") {
        "numeric"
    } else {
        return format!("unmapped SQLite type {declared:?}");
    };
    ty.to_owned()
}

/// A PostgreSQL type (`information_schema.columns.data_type`) in the shared
/// vocabulary:
/// - `bigint`, `integer`, `smallint` → integer. Their widths have no SQLite
///   counterpart to compare with.
/// - `text`, `character varying`, `character` → text; lengths likewise.
/// - `bytea` → bytes (SQLite's `BLOB`).
/// - `double precision`, `real` → real.
/// - `boolean` → boolean; `numeric` → numeric.
///
/// Anything else is named as unmapped.
fn postgres_type(data_type: &str) -> String {
    let ty = match data_type {
        "bigint" | "integer" | "smallint" => "integer",
        "text" | "character varying" | "character" => "text",
        "bytea" => "bytes",
        "double precision" | "real" => "real",
        "boolean" => "boolean",
        "numeric" => "numeric",
        other => return format!("unmapped PostgreSQL type {other:?}"),
    };
    ty.to_owned()
}

/// PostgreSQL's `pg_constraint` action codes, in SQLite's words.
fn postgres_action(code: &str) -> String {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        other => return format!("unknown action {other:?}"),
    }
    .to_owned()
}

async fn read_sqlite(conn: &mut SqliteConnection) -> Schema {
    let mut schema = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         AND name <> ?1 ORDER BY name",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table,) in tables {
        let mut entry = Table::default();
        let columns: Vec<(String, String, i64, Option<String>, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid")
                .bind(&table)
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        let mut key: Vec<(i64, String)> = Vec::new();
        for (name, declared, not_null, default_value, pk) in columns {
            let ty = sqlite_type(&declared);
            if pk > 0 {
                key.push((pk, name.clone()));
            }
            // SQLite lets a PRIMARY KEY column that is not `INTEGER PRIMARY
            // KEY` hold NULL, a documented quirk kept for compatibility
            // (sqlite.org/lang_createtable.html); PostgreSQL makes every key
            // column NOT NULL. The store writes every key itself, never NULL,
            // and making SQLite enforce it would mean rebuilding every table,
            // so a key column counts as NOT NULL on both.
            let not_null = not_null != 0 || pk > 0;
            let default = normal_default(default_value.as_deref(), &ty);
            entry.columns.push(Column { name, ty, not_null, default });
        }
        key.sort();
        entry.primary_key = key.into_iter().map(|(_, name)| name).collect();

        let foreign: Vec<(i64, String, String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) \
             ORDER BY id, seq",
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for (id, references, from, to, on_update, on_delete) in foreign {
            let key = by_id.entry(id).or_insert_with(|| ForeignKey {
                columns: vec![],
                references,
                referenced_columns: vec![],
                on_delete,
                on_update,
            });
            key.columns.push(from);
            // `REFERENCES t` without columns names t's primary key; every
            // reference here names its columns, and a missing one shows.
            key.referenced_columns.push(to.unwrap_or_else(|| "(the primary key)".to_owned()));
        }
        entry.foreign_keys = by_id.into_values().collect();

        let indexes: Vec<(String, i64, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT l.name, l.\"unique\", l.origin, l.partial, s.sql FROM pragma_index_list(?1) AS l \
             LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = l.name ORDER BY l.name",
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for (name, unique, origin, partial, sql) in indexes {
            if origin == "pk" {
                continue;
            }
            let (written, predicate) = sql.as_deref().map(split_create_index).unwrap_or_default();
            // pragma_index_xinfo is pragma_index_info with the sort order;
            // `key` leaves out the rowid every SQLite index ends with.
            let keys: Vec<(i64, i64, Option<String>, i64)> = sqlx::query_as(
                "SELECT seqno, cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
            )
            .bind(&name)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
            let columns: Vec<Sql> = keys
                .into_iter()
                .map(|(seqno, cid, column, descending)| {
                    // An expression (cid -2) has no name; its text is in the
                    // CREATE INDEX statement.
                    let text = match column {
                        Some(column) if cid >= 0 => column,
                        _ => usize::try_from(seqno)
                            .ok()
                            .and_then(|seqno| written.get(seqno))
                            .map(|text| strip_order(text))
                            .unwrap_or_else(|| format!("(expression {seqno} of {name}: unreadable)")),
                    };
                    let order = if descending != 0 { " DESC" } else { "" };
                    Sql::new(&format!("{text}{order}"))
                })
                .collect();
            assert_eq!(partial != 0, predicate.is_some(), "{name}: the WHERE of a partial index not found in {sql:?}");
            let index = Index {
                table: table.clone(),
                columns,
                unique: unique != 0,
                predicate: predicate.map(|p| Sql::new(&p)),
            };
            let key = if origin == "u" { constraint_index_key(&table, &index.columns) } else { name };
            schema.indexes.insert(key, index);
        }
        schema.tables.insert(table, entry);
    }
    schema
}

/// The key parts and the `WHERE` of a `CREATE INDEX … ON t (…) [WHERE …]`
/// statement, as written.
fn split_create_index(sql: &str) -> (Vec<String>, Option<String>) {
    let upper = sql.to_ascii_uppercase();
    let Some(on) = upper.find(" ON ") else { return (vec![], None) };
    let Some(open) = sql[on..].find('(').map(|at| on + at) else { return (vec![], None) };
    let (mut depth, mut quoted, mut part) = (0usize, false, String::new());
    let mut parts = Vec::new();
    let mut close = None;
    for (at, c) in sql[open + 1..].char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth == 0 => {
                close = Some(open + 1 + at);
                break;
            }
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                parts.push(std::mem::take(&mut part));
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    parts.push(part);
    let parts = parts.into_iter().map(|part| part.trim().to_owned()).collect();
    let rest = close.map(|close| sql[close + 1..].trim()).unwrap_or_default();
    let predicate = rest
        .get(..5)
        .filter(|word| word.eq_ignore_ascii_case("where"))
        .map(|_| rest[5..].trim().trim_end_matches(';').trim().to_owned());
    (parts, predicate)
}

/// A key part without its `ASC`/`DESC` (read from the pragma instead).
fn strip_order(part: &str) -> String {
    let trimmed = part.trim();
    let upper = trimmed.to_ascii_uppercase();
    for suffix in [" ASC", " DESC"] {
        if upper.ends_with(suffix) {
            return trimmed[..trimmed.len() - suffix.len()].trim().to_owned();
        }
    }
    trimmed.to_owned()
}

/// A foreign key from `pg_constraint`, its columns by name.
#[derive(sqlx::FromRow)]
struct PgForeignKey {
    table_name: String,
    references: String,
    columns: Vec<String>,
    referenced_columns: Vec<String>,
    /// `pg_constraint`'s one-letter action codes; see [`postgres_action`].
    on_delete: String,
    on_update: String,
}

/// An index from `pg_indexes` and `pg_index`.
#[derive(sqlx::FromRow)]
struct PgIndex {
    name: String,
    table_name: String,
    unique: bool,
    primary: bool,
    /// Made by a `UNIQUE` constraint (see [`constraint_index_key`]).
    by_constraint: bool,
    predicate: Option<String>,
    columns: Vec<String>,
}

async fn read_postgres(conn: &mut PgConnection) -> Schema {
    let mut schema = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 \
         ORDER BY table_name",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table,) in tables {
        schema.tables.insert(table, Table::default());
    }

    let columns: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, column_default::text \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table, name, data_type, nullable, default_value) in columns {
        let Some(entry) = schema.tables.get_mut(&table) else { continue };
        let ty = postgres_type(&data_type);
        let default = normal_default(default_value.as_deref(), &ty);
        entry.columns.push(Column { name, ty, not_null: nullable == "NO", default });
    }

    let foreign: Vec<PgForeignKey> = sqlx::query_as(
        "SELECT t.relname::text AS table_name, r.relname::text AS references, \
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) \
                 JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) \
             AS columns, \
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n) \
                 JOIN pg_attribute AS a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) \
             AS referenced_columns, \
           c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update \
         FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = c.conrelid JOIN pg_class AS r ON r.oid = c.confrelid \
         JOIN pg_namespace AS s ON s.oid = c.connamespace \
         WHERE c.contype = 'f' AND s.nspname = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for key in foreign {
        let Some(entry) = schema.tables.get_mut(&key.table_name) else { continue };
        entry.foreign_keys.insert(ForeignKey {
            columns: key.columns,
            references: key.references,
            referenced_columns: key.referenced_columns,
            on_delete: postgres_action(&key.on_delete),
            on_update: postgres_action(&key.on_update),
        });
    }

    // pg_indexes names each index and its table; pg_index has the parts:
    // each key column (a name, or an expression as PostgreSQL prints it),
    // its sort order (bit 0 of indoption), and the predicate.
    let indexes: Vec<PgIndex> = sqlx::query_as(
        "SELECT x.indexname::text AS name, x.tablename::text AS table_name, i.indisunique AS unique, \
           i.indisprimary AS primary, \
           EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid AND k.contype = 'u') \
             AS by_constraint, \
           pg_get_expr(i.indpred, i.indrelid) AS predicate, \
           array(SELECT pg_get_indexdef(i.indexrelid, k, true) \
                        || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END \
                 FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS columns \
         FROM pg_indexes AS x \
         JOIN pg_class AS c ON c.relname = x.indexname \
         JOIN pg_namespace AS s ON s.oid = c.relnamespace AND s.nspname = x.schemaname \
         JOIN pg_index AS i ON i.indexrelid = c.oid \
         WHERE x.schemaname = current_schema() AND x.tablename <> $1",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for row in indexes {
        if row.primary {
            if let Some(entry) = schema.tables.get_mut(&row.table_name) {
                entry.primary_key = row.columns;
            }
            continue;
        }
        let columns: Vec<Sql> = row.columns.iter().map(|column| Sql::new(column)).collect();
        let predicate = row.predicate.as_deref().map(Sql::new);
        let index = Index { table: row.table_name.clone(), columns, unique: row.unique, predicate };
        let key = if row.by_constraint { constraint_index_key(&row.table_name, &index.columns) } else { row.name };
        schema.indexes.insert(key, index);
    }
    schema
}

/// Every difference between the two schemas, one line each, naming the
/// table, column or index.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut found = Vec::new();
    let names: BTreeSet<&String> = sqlite.tables.keys().chain(postgres.tables.keys()).collect();
    for name in names {
        match (sqlite.tables.get(name), postgres.tables.get(name)) {
            (Some(s), Some(p)) => compare_tables(name, s, p, &mut found),
            (Some(_), None) => found.push(format!("table {name}: only on SQLite")),
            (None, Some(_)) => found.push(format!("table {name}: only on PostgreSQL")),
            (None, None) => {}
        }
    }
    let names: BTreeSet<&String> = sqlite.indexes.keys().chain(postgres.indexes.keys()).collect();
    for name in names {
        match (sqlite.indexes.get(name), postgres.indexes.get(name)) {
            (Some(s), Some(p)) if s != p => {
                found.push(format!("index {name}: {s} on SQLite, {p} on PostgreSQL"));
            }
            (Some(s), None) => found.push(format!("index {name} ({s}): only on SQLite")),
            (None, Some(p)) => found.push(format!("index {name} ({p}): only on PostgreSQL")),
            _ => {}
        }
    }
    found
}

fn compare_tables(table: &str, sqlite: &Table, postgres: &Table, found: &mut Vec<String>) {
    fn by_name(t: &Table) -> BTreeMap<String, &Column> {
        t.columns.iter().map(|c| (c.name.clone(), c)).collect()
    }
    let (s_columns, p_columns) = (by_name(sqlite), by_name(postgres));
    let names: BTreeSet<&String> = s_columns.keys().chain(p_columns.keys()).collect();
    for name in names {
        let at = format!("table {table}, column {name}");
        let (s, p) = match (s_columns.get(name), p_columns.get(name)) {
            (Some(s), Some(p)) => (s, p),
            (Some(_), None) => {
                found.push(format!("{at}: only on SQLite"));
                continue;
            }
            (None, Some(_)) => {
                found.push(format!("{at}: only on PostgreSQL"));
                continue;
            }
            (None, None) => continue,
        };
        if s.ty != p.ty {
            found.push(format!("{at}: type {} on SQLite, {} on PostgreSQL", s.ty, p.ty));
        }
        if s.not_null != p.not_null {
            let say = |not_null: bool| if not_null { "NOT NULL" } else { "nullable" };
            found.push(format!("{at}: {} on SQLite, {} on PostgreSQL", say(s.not_null), say(p.not_null)));
        }
        if s.default != p.default {
            let say =
                |default: &Option<Sql>| default.as_ref().map_or("no default".to_owned(), |d| format!("DEFAULT {d}"));
            found.push(format!("{at}: {} on SQLite, {} on PostgreSQL", say(&s.default), say(&p.default)));
        }
    }
    let order = |t: &Table| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let (s_order, p_order) = (order(sqlite), order(postgres));
    if s_columns.keys().eq(p_columns.keys()) && s_order != p_order {
        found.push(format!(
            "table {table}: columns in the order ({}) on SQLite, ({}) on PostgreSQL",
            s_order.join(", "),
            p_order.join(", ")
        ));
    }
    if sqlite.primary_key != postgres.primary_key {
        let say = |key: &[String]| if key.is_empty() { "none".to_owned() } else { format!("({})", key.join(", ")) };
        found.push(format!(
            "table {table}: primary key {} on SQLite, {} on PostgreSQL",
            say(&sqlite.primary_key),
            say(&postgres.primary_key)
        ));
    }
    for key in sqlite.foreign_keys.difference(&postgres.foreign_keys) {
        found.push(format!("table {table}: foreign key {key} only on SQLite"));
    }
    for key in postgres.foreign_keys.difference(&sqlite.foreign_keys) {
        found.push(format!("table {table}: foreign key {key} only on PostgreSQL"));
    }
}

#[tokio::test]
async fn both_migration_sets_give_the_same_schema() {
    let (store, dir) = sqlite().await;
    store.close().await;
    let url = format!("sqlite://{}", dir.path().join(SQLITE_FILE).display());
    let mut conn = SqliteConnection::connect(&url).await.unwrap();
    let on_sqlite = read_sqlite(&mut conn).await;
    conn.close().await.unwrap();

    let db = PostgresDb::create().await;
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let on_postgres = read_postgres(&mut conn).await;
    conn.close().await.unwrap();
    db.drop_database().await;

    assert!(on_sqlite.tables.len() > 10, "the SQLite schema was not read: {on_sqlite:?}");
    assert!(on_postgres.tables.len() > 10, "the PostgreSQL schema was not read: {on_postgres:?}");
    let found = differences(&on_sqlite, &on_postgres);
    assert!(found.is_empty(), "the SQLite and PostgreSQL migrations differ:\n  {}", found.join("\n  "));
}

#[test]
fn the_normal_form_forgets_what_postgresql_adds() {
    for (written, printed) in [
        ("COALESCE(table_id, 0)", "COALESCE(table_id, 0::bigint)"),
        ("deleted_at IS NULL", "(deleted_at IS NULL)"),
        ("state = 'queued' AND x != 1", "((state = 'queued'::text) AND (x <> 1))"),
        ("''", "''::text"),
        ("name", "\"name\""),
        ("'a b'", "'a b'::character varying"),
    ] {
        assert_eq!(normalise(written), normalise(printed), "{written} / {printed}");
    }
    assert_ne!(normalise("'A'"), normalise("'a'"), "literals keep their case");
    assert_eq!(normal_default(Some("'-1'::integer"), "integer"), normal_default(Some("-1"), "integer"));
    assert_eq!(normal_default(Some("NULL"), "text"), None);
}

#[test]
fn index_statements_are_split_into_their_parts() {
    let (parts, predicate) = split_create_index(
        "CREATE UNIQUE INDEX f ON category_fields (category_id, COALESCE(table_id, 0), name DESC) \
         WHERE deleted_at IS NULL",
    );
    assert_eq!(parts, ["category_id", "COALESCE(table_id, 0)", "name DESC"]);
    assert_eq!(strip_order(&parts[2]), "name");
    assert_eq!(predicate.as_deref(), Some("deleted_at IS NULL"));
    assert_eq!(split_create_index("CREATE INDEX j ON jobs (kind)"), (vec!["kind".to_owned()], None));
}
