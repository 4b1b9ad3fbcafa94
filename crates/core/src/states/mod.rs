//! The closed sets of the workflow, each with one encoding: to the wire's
//! integers (DocFlow's status enums) or to the database's text, and back.
//!
//! Every other list of these values — the CLI's names, "finished" sets, SQL
//! literals — derives from the enums here, so each integer's meaning is
//! written down exactly once. A stored value that decodes to none of them is
//! a [`Corrupt`] error naming its column, never a default.
//!
//! # Layout
//! - [`review_status`]: [`ReviewStatus`] of review tasks and [`RuleResult`]
//!   of rule tasks (DocFlow's shared enum, reference §5.4).
//! - [`file_status`]: [`FileStatus`], an extraction task's `recognition_status`.
//! - [`job`]: [`JobKind`] and [`JobState`] of the durable queue.
//! - [`phase`]: [`Phase`], where a review task is in its life.

pub mod file_status;
pub mod job;
pub mod phase;
pub mod review_status;

pub use file_status::FileStatus;
pub use job::{JobKind, JobState};
pub use phase::Phase;
pub use review_status::{ReviewStatus, RuleResult};

/// A stored value that is none of its set's: the database was written by
/// something else, or by a newer version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{column}: unknown value {value}")]
pub struct Corrupt {
    /// `table.column` the value was read from.
    pub column: &'static str,
    /// The value as read, quoted when it was text.
    pub value: String,
}

impl Corrupt {
    pub(crate) fn number(column: &'static str, value: i64) -> Self {
        Self { column, value: value.to_string() }
    }

    pub(crate) fn text(column: &'static str, value: &str) -> Self {
        Self { column, value: format!("{value:?}") }
    }
}

/// A set whose members are stored as text.
pub trait TextCode: Sized + Copy + 'static {
    /// Every member.
    const ALL: &'static [Self];

    /// The member's text.
    fn as_str(self) -> &'static str;

    /// The member with this text; `None` for any other.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|member| member.as_str() == text)
    }

    /// The member stored as `text` in `column`.
    fn decode(column: &'static str, text: &str) -> Result<Self, Corrupt> {
        Self::parse(text).ok_or_else(|| Corrupt::text(column, text))
    }
}

/// A set whose members are integers on the wire and in the database.
pub trait IntCode: Sized + Copy + 'static {
    /// Every member.
    const ALL: &'static [Self];

    /// The member's integer.
    fn code(self) -> i64;

    /// The member with this integer; `None` for any other.
    fn from_code(code: i64) -> Option<Self> {
        Self::ALL.iter().copied().find(|member| member.code() == code)
    }

    /// The member stored as `code` in `column`.
    fn decode(column: &'static str, code: i64) -> Result<Self, Corrupt> {
        Self::from_code(code).ok_or_else(|| Corrupt::number(column, code))
    }
}

/// `a, b, c`: the members' integers, for an SQL `IN (…)` list.
pub fn sql_list<T: IntCode>(members: impl IntoIterator<Item = T>) -> String {
    members.into_iter().map(|m| m.code().to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every member of every set encodes to a distinct value that decodes
    /// back to it.
    #[test]
    fn each_encoding_round_trips_and_is_distinct() {
        fn ints<T: IntCode + PartialEq + std::fmt::Debug>() {
            for (i, member) in T::ALL.iter().enumerate() {
                assert_eq!(T::decode("t.c", member.code()), Ok(*member));
                assert!(T::ALL[..i].iter().all(|other| other.code() != member.code()), "{member:?}");
            }
        }
        fn texts<T: TextCode + PartialEq + std::fmt::Debug>() {
            for (i, member) in T::ALL.iter().enumerate() {
                assert_eq!(T::decode("t.c", member.as_str()), Ok(*member));
                assert!(T::ALL[..i].iter().all(|other| other.as_str() != member.as_str()), "{member:?}");
            }
        }
        ints::<ReviewStatus>();
        ints::<RuleResult>();
        ints::<FileStatus>();
        texts::<JobKind>();
        texts::<JobState>();
        texts::<Phase>();
    }

    #[test]
    fn an_unknown_stored_value_names_its_column() {
        let error = ReviewStatus::decode("rule_tasks.status", 9).unwrap_err();
        assert_eq!(error.to_string(), "rule_tasks.status: unknown value 9");
        let error = Phase::decode("review_tasks.phase", "planning").unwrap_err();
        assert_eq!(error.to_string(), "review_tasks.phase: unknown value \"planning\"");
        assert_eq!(sql_list([FileStatus::Succeeded, FileStatus::Classified]), "1, 10");
    }
}
