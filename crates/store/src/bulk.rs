//! Many rows in one value. Writes: the rows travel as one JSON array bound to
//! a single parameter, and the database unpacks them (SQLite's `jsonb_each`,
//! PostgreSQL's `jsonb_to_recordset`). Reads: the database packs the rows into
//! one JSON array, answered as one text value.
//!
//! Why not one statement per row, or a long `VALUES` list: every statement is
//! a round trip to the database (on SQLite, to the connection's thread), and
//! sqlx's SQLite driver binds parameters in time that grows faster than their
//! number. One parameter keeps a plan of thousands of rule tasks to a few
//! statements. Likewise sqlx's `Any` driver copies every row it reads into a
//! row of its own before decoding it, which costs microseconds per row: for
//! hundreds of rows, one JSON text and serde are several times cheaper.

use serde::Serialize;

use crate::connect::Backend;
use crate::{StoreError, json};

/// How many rows one statement carries at most.
pub(crate) const ROWS_PER_STATEMENT: usize = 1_000;

/// The SQL type of a column unpacked from the JSON rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    Int,
    Text,
}

/// A `SELECT` of the JSON array bound at `param` as rows of `columns`, each
/// row an object with those keys; a key holding an array or an object gives
/// its JSON text. Wrap it in `WITH … AS MATERIALIZED (…)`: on SQLite a join
/// against `jsonb_each` directly would parse the array again for every row
/// it meets. `jsonb_each` rather than `json_each`: each row's keys are then
/// read from the parsed binary form, not parsed again from text per key,
/// which costs several times less for rows of a kilobyte.
pub(crate) fn select(backend: Backend, param: &str, columns: &[(&str, Type)]) -> String {
    match backend {
        Backend::Sqlite => {
            let fields: Vec<String> = columns.iter().map(|(name, _)| format!("value ->> '{name}' AS {name}")).collect();
            format!("SELECT {} FROM jsonb_each({param})", fields.join(", "))
        }
        Backend::Postgres => {
            let fields: Vec<String> = columns
                .iter()
                .map(|(name, kind)| {
                    let kind = match kind {
                        Type::Int => "bigint",
                        Type::Text => "text",
                    };
                    format!("{name} {kind}")
                })
                .collect();
            format!("SELECT * FROM jsonb_to_recordset({param}::jsonb) AS r({})", fields.join(", "))
        }
    }
}

/// A query answering the rows `FROM …` of `from` (joins and conditions
/// included) as one JSON array of objects, one key per `(key, expression)`
/// of `columns`, ordered by `order` (keys, comma-separated). The answer
/// decodes as a `Vec` of a struct with those keys.
pub(crate) fn json_rows(backend: Backend, columns: &[(&str, &str)], from: &str, order: &str) -> String {
    let selected: Vec<String> = columns.iter().map(|(key, expression)| format!("{expression} AS {key}")).collect();
    let pairs: Vec<String> = columns.iter().map(|(key, _)| format!("'{key}', {key}")).collect();
    let (selected, pairs) = (selected.join(", "), pairs.join(", "));
    match backend {
        Backend::Sqlite => {
            format!("SELECT json_group_array(json_object({pairs}) ORDER BY {order}) FROM (SELECT {selected} {from})")
        }
        Backend::Postgres => format!(
            "SELECT COALESCE(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]')::text \
             FROM (SELECT {selected} {from}) AS r"
        ),
    }
}

/// The rows as the JSON text to bind, in chunks of at most
/// [`ROWS_PER_STATEMENT`].
pub(crate) fn chunks<T: Serialize>(rows: &[T]) -> Result<Vec<String>, StoreError> {
    rows.chunks(ROWS_PER_STATEMENT).map(json::encode).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_reads_each_key_of_each_element() {
        let sql = select(Backend::Sqlite, "$2", &[("id", Type::Int), ("name", Type::Text)]);
        assert_eq!(sql, "SELECT value ->> 'id' AS id, value ->> 'name' AS name FROM jsonb_each($2)");
    }

    #[test]
    fn postgres_types_each_column() {
        let sql = select(Backend::Postgres, "$2", &[("id", Type::Int), ("name", Type::Text)]);
        assert_eq!(sql, "SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(id bigint, name text)");
    }

    #[test]
    fn rows_are_read_as_one_array_in_order() {
        let columns = [("id", "t.id"), ("name", "t.name")];
        let sqlite = json_rows(Backend::Sqlite, &columns, "FROM t WHERE t.x = $1", "id");
        assert_eq!(
            sqlite,
            "SELECT json_group_array(json_object('id', id, 'name', name) ORDER BY id) \
             FROM (SELECT t.id AS id, t.name AS name FROM t WHERE t.x = $1)"
        );
        let postgres = json_rows(Backend::Postgres, &columns, "FROM t", "id");
        assert!(
            postgres.starts_with("SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name) ORDER BY id)")
        );
    }

    #[test]
    fn rows_are_chunked() {
        let rows: Vec<i64> = (0..2_500).collect();
        let chunks = chunks(&rows).unwrap();
        assert_eq!(chunks.len(), 3);
        assert!(chunks[2].starts_with("[2000,"));
    }
}
