//! The log of what an evaluation looked at. The bindings write to it on
//! every field and cell lookup, so the reasoning can name exactly the values
//! the expression read (short-circuited branches read nothing), and a
//! failed lookup can be explained by what was missing.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

use crate::context::TableRef;

/// A value the expression read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Read {
    Field { doc: usize, field: usize },
    Cell { doc: usize, table: TableRef, row: usize, column: usize },
}

/// A lookup that found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Miss {
    Document {
        category: String,
    },
    /// A key a document does not have (`doc.Invoice.feilds`).
    DocumentKey {
        name: String,
    },
    Field {
        doc: usize,
        name: String,
    },
    Table {
        doc: usize,
        name: String,
    },
    Column {
        doc: usize,
        table: TableRef,
        row: usize,
        name: String,
    },
}

impl Miss {
    /// The key that was looked up.
    pub(crate) fn key(&self) -> &str {
        match self {
            Miss::Document { category: name } | Miss::DocumentKey { name } => name,
            Miss::Field { name, .. } | Miss::Table { name, .. } | Miss::Column { name, .. } => name,
        }
    }
}

/// One evaluation's log. Lookups happen behind `&self` inside CEL values that
/// must be `Sync`, hence the mutex; it is never contended.
///
/// A loop reads the same values over and over, so the log keeps each read
/// once and at most [`MISSES_KEPT`] misses: its size follows the documents,
/// not the number of lookups.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    log: Mutex<Log>,
}

/// Reads up to which a scan finds a repeated one faster than hashing.
const SCANNED_READS: usize = 64;
/// Misses kept; the newest explain an error.
const MISSES_KEPT: usize = 64;

#[derive(Debug, Default)]
struct Log {
    /// Each value read once, in the order first read.
    reads: Vec<Read>,
    /// The same, for lookups once there are many.
    seen: HashSet<Read>,
    misses: VecDeque<Miss>,
}

impl Recorder {
    pub(crate) fn read(&self, read: Read) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let Log { reads, seen, .. } = &mut *log;
        if reads.last() == Some(&read) {
            return;
        }
        let new = if reads.len() < SCANNED_READS {
            !reads.contains(&read)
        } else {
            if seen.is_empty() {
                seen.extend(reads.iter().copied());
            }
            seen.insert(read)
        };
        if new {
            reads.push(read);
        }
    }

    pub(crate) fn miss(&self, miss: Miss) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = log.misses.iter().position(|m| *m == miss) {
            log.misses.remove(at);
        } else if log.misses.len() >= MISSES_KEPT {
            log.misses.pop_front();
        }
        log.misses.push_back(miss);
    }

    /// The values read, each once, in the order first read.
    pub(crate) fn reads(&self) -> Vec<Read> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).reads.clone()
    }

    /// The last failed lookup of `key`, which explains a "no such key" error.
    pub(crate) fn miss_of(&self, key: &str) -> Option<Miss> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.misses.iter().rev().find(|m| m.key() == key).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_listed_once_in_first_read_order() {
        let recorder = Recorder::default();
        for field in [2, 0, 2, 2, 1, 0] {
            recorder.read(Read::Field { doc: 0, field });
        }
        let fields: Vec<usize> = recorder
            .reads()
            .into_iter()
            .map(|r| match r {
                Read::Field { field, .. } => field,
                Read::Cell { .. } => usize::MAX,
            })
            .collect();
        assert_eq!(fields, [2, 0, 1]);
    }

    #[test]
    fn a_loop_of_reads_and_misses_keeps_the_log_small() {
        let recorder = Recorder::default();
        for step in 0..10_000 {
            recorder.read(Read::Field { doc: 0, field: step % 100 });
            recorder.miss(Miss::Field { doc: 0, name: format!("missing {}", step % 100) });
        }
        assert_eq!(recorder.reads().len(), 100);
        let log = recorder.log.lock().unwrap();
        assert_eq!(log.misses.len(), MISSES_KEPT);
        assert_eq!(log.misses.back().map(Miss::key), Some("missing 99"));
    }

    #[test]
    fn the_latest_miss_of_a_key_explains_it() {
        let recorder = Recorder::default();
        recorder.miss(Miss::Field { doc: 0, name: "Due Date".into() });
        recorder.miss(Miss::Field { doc: 1, name: "Due Date".into() });
        assert_eq!(recorder.miss_of("Due Date"), Some(Miss::Field { doc: 1, name: "Due Date".into() }));
        assert_eq!(recorder.miss_of("Total"), None);
    }
}
