//! The variables an expression sees, as CEL values that read the rule
//! context in place: nothing is copied into CEL maps, and every field and
//! cell lookup is written to the evaluation's [`Recorder`], which is how the
//! reasoning knows which values the expression compared.
//!
//! - `doc`: [`DocsByCategory`], category → the first document of it;
//! - `docs`: [`DocList`], every document in context order;
//! - a document ([`DocVal`]): `category`, `fields`, `tables`, `items`;
//! - `fields` ([`FieldsVal`]) and a table row ([`RowVal`]): name → string;
//! - `tables` ([`TablesVal`]): name → rows ([`RowsVal`]).

mod data;
mod document;

use cel::ExecutionError;
use cel::common::traits::Iterator as CelIterator;
use cel::common::types::{CelInt, CelString, CelUInt, LIST_TYPE, MAP_TYPE, Type};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;

pub(crate) use data::{FieldsVal, RowsVal, TablesVal};
pub(crate) use document::{DocList, DocVal, DocsByCategory};

use super::recorder::Recorder;
use crate::context::RuleContext;

/// The names of the variables, for the save-time reference check.
pub(crate) const VARIABLES: [&str; 2] = ["doc", "docs"];

static MAP: Type = MAP_TYPE;
static LIST: Type = LIST_TYPE;

/// The variables of one evaluation, resolved by name.
#[derive(Debug)]
pub(crate) struct Bindings<'a> {
    first: DocsByCategory<'a>,
    all: DocList<'a>,
}

impl<'a> Bindings<'a> {
    pub(crate) fn new(context: &'a RuleContext, recorder: &'a Recorder) -> Self {
        let docs: Vec<DocVal<'a>> =
            context.documents.iter().enumerate().map(|(index, doc)| DocVal::new(index, doc, recorder)).collect();
        Bindings { first: DocsByCategory::new(&docs, recorder), all: DocList::new(docs) }
    }
}

impl VariableResolver for Bindings<'_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        match variable {
            "doc" => Some(CowVal::Borrowed(&self.first)),
            "docs" => Some(CowVal::Borrowed(&self.all)),
            _ => None,
        }
    }
}

/// A map key or field name.
fn key_of(idx: &dyn Val) -> Result<&str, ExecutionError> {
    idx.downcast_ref::<CelString>().map(CelString::inner).ok_or_else(|| ExecutionError::UnexpectedType {
        got: idx.get_type().name().to_owned(),
        want: "string".to_owned(),
    })
}

/// A list position: an int, a uint or a whole double, inside `0..len`.
fn position_of(idx: &dyn Val, len: usize) -> Result<usize, ExecutionError> {
    let at = if let Some(i) = idx.downcast_ref::<CelInt>() {
        usize::try_from(*i.inner()).ok()
    } else if let Some(u) = idx.downcast_ref::<CelUInt>() {
        usize::try_from(*u.inner()).ok()
    } else {
        return Err(ExecutionError::UnexpectedType { got: idx.get_type().name().to_owned(), want: "int".to_owned() });
    };
    at.filter(|&at| at < len).ok_or_else(|| {
        let shown = idx.downcast_ref::<CelInt>().map_or(cel::Value::Null, |i| cel::Value::Int(*i.inner()));
        ExecutionError::IndexOutOfBounds(shown)
    })
}

fn size_of(len: usize) -> CelInt {
    CelInt::from(i64::try_from(len).unwrap_or(i64::MAX))
}

/// Lends the elements of a slice to a comprehension.
struct SliceIter<'b, T>(std::slice::Iter<'b, T>);

impl<'b, 'v, T: Val + 'v> CelIterator<'b, 'v> for SliceIter<'b, T> {
    fn next(&mut self) -> Option<&'b (dyn Val + 'v)> {
        self.0.next().map(|v| v as &dyn Val)
    }
}

fn iterate<'b, 'v, T: Val + 'v>(items: &'b [T]) -> Box<dyn CelIterator<'b, 'v> + 'b> {
    Box::new(SliceIter(items.iter()))
}

/// The `Val` and `Indexer` boilerplate of a binding type: its CEL type, a
/// cheap clone, and the capabilities it hands out. The type provides
/// `lookup` (for `x[k]` and `x.k`) and implements `Iterable` and `Sizer`,
/// and `Container` when `map`.
macro_rules! binding {
    ($ty:ident, $cel:ident, container: $container:tt) => {
        impl<'a> cel::common::value::Val for $ty<'a> {
            fn get_type(&self) -> &cel::common::types::Type {
                &$cel
            }
            fn cel_type() -> &'static cel::common::types::Type
            where
                Self: Sized,
            {
                &$cel
            }
            fn clone_as_boxed<'v>(&self) -> Box<dyn cel::common::value::Val + 'v>
            where
                Self: 'v,
            {
                Box::new(self.clone())
            }
            fn as_indexer<'b, 'v>(&'b self) -> Option<&'b (dyn cel::common::traits::Indexer + 'v)>
            where
                Self: 'v,
            {
                Some(self)
            }
            fn as_iterable<'b, 'v>(&'b self) -> Option<&'b (dyn cel::common::traits::Iterable + 'v)>
            where
                Self: 'v,
            {
                Some(self)
            }
            fn as_sizer(&self) -> Option<&dyn cel::common::traits::Sizer> {
                Some(self)
            }
            binding!(@container $container);
        }

        impl<'a> cel::common::traits::Indexer for $ty<'a> {
            fn get<'b, 'v>(
                &'b self,
                idx: &dyn cel::common::value::Val,
            ) -> Result<cel::common::value::CowVal<'b, 'v>, cel::ExecutionError>
            where
                Self: 'v,
            {
                self.lookup(idx)
            }
            fn steal<'v>(
                self: Box<Self>,
                idx: &dyn cel::common::value::Val,
            ) -> Result<Box<dyn cel::common::value::Val + 'v>, cel::ExecutionError>
            where
                Self: 'v,
            {
                self.lookup(idx).map(cel::common::value::CowVal::into_owned)
            }
        }
    };
    (@container true) => {
        fn as_container(&self) -> Option<&dyn cel::common::traits::Container> {
            Some(self)
        }
    };
    (@container false) => {};
}
use binding;
