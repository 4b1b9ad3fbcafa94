//! The documents: `docs` (all of them, a list), `doc` (a map from category
//! to the first document of it) and each document's own keys.

use std::sync::OnceLock;

use cel::ExecutionError;
use cel::common::traits::{Container, Iterable, Iterator as CelIterator, Sizer};
use cel::common::types::{CelInt, CelString};
use cel::common::value::{CowVal, Val};

use super::{FieldsVal, LIST, MAP, RowsVal, TablesVal, binding, iterate, key_of, position_of, size_of};
use crate::context::{ContextDocument, TableRef};
use crate::expression::recorder::{Miss, Recorder};

/// One document of the context: `category`, `fields`, `tables`, `items`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocVal<'a> {
    pub(super) index: usize,
    pub(super) doc: &'a ContextDocument,
    pub(super) recorder: &'a Recorder,
}

impl<'a> DocVal<'a> {
    pub(super) fn new(index: usize, doc: &'a ContextDocument, recorder: &'a Recorder) -> Self {
        DocVal { index, doc, recorder }
    }

    const KEYS: [&'static str; 4] = ["category", "fields", "tables", "items"];

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        match key_of(idx)? {
            "category" => Ok(CowVal::owned(CelString::from(self.doc.category.as_str()))),
            "fields" => Ok(CowVal::owned(FieldsVal::new(*self))),
            "tables" => Ok(CowVal::owned(TablesVal::new(*self))),
            "items" => Ok(CowVal::owned(RowsVal::new(*self, TableRef::Items))),
            other => {
                self.recorder.miss(Miss::DocumentKey { name: other.to_owned() });
                Err(ExecutionError::no_such_key(other))
            }
        }
    }
}

binding!(DocVal, MAP, container: true);

impl Container for DocVal<'_> {
    fn contains(&self, value: &dyn Val) -> Result<bool, ExecutionError> {
        Ok(Self::KEYS.contains(&key_of(value)?))
    }
}

impl Sizer for DocVal<'_> {
    fn size(&self) -> CelInt {
        size_of(Self::KEYS.len())
    }
}

impl<'a> Iterable for DocVal<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        static KEYS: OnceLock<[CelString<'static>; 4]> = OnceLock::new();
        iterate(KEYS.get_or_init(|| DocVal::KEYS.map(CelString::from)))
    }
}

/// `docs`: every document, in context order.
#[derive(Debug, Clone)]
pub(crate) struct DocList<'a> {
    docs: Vec<DocVal<'a>>,
}

impl<'a> DocList<'a> {
    pub(super) fn new(docs: Vec<DocVal<'a>>) -> Self {
        DocList { docs }
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let at = position_of(idx, self.docs.len())?;
        Ok(CowVal::Borrowed(&self.docs[at]))
    }
}

binding!(DocList, LIST, container: false);

impl Sizer for DocList<'_> {
    fn size(&self) -> CelInt {
        size_of(self.docs.len())
    }
}

impl<'a> Iterable for DocList<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        iterate(&self.docs)
    }
}

/// `doc`: the first document of each category, by category name.
#[derive(Debug, Clone)]
pub(crate) struct DocsByCategory<'a> {
    first: Vec<DocVal<'a>>,
    recorder: &'a Recorder,
    names: OnceLock<Vec<CelString<'a>>>,
}

impl<'a> DocsByCategory<'a> {
    pub(super) fn new(docs: &[DocVal<'a>], recorder: &'a Recorder) -> Self {
        let mut first: Vec<DocVal<'a>> = Vec::with_capacity(docs.len());
        for doc in docs {
            if !first.iter().any(|f| f.doc.category == doc.doc.category) {
                first.push(*doc);
            }
        }
        DocsByCategory { first, recorder, names: OnceLock::new() }
    }

    fn find(&self, category: &str) -> Option<&DocVal<'a>> {
        self.first.iter().find(|d| d.doc.category == category)
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let category = key_of(idx)?;
        match self.find(category) {
            Some(doc) => Ok(CowVal::Borrowed(doc)),
            None => {
                self.recorder.miss(Miss::Document { category: category.to_owned() });
                Err(ExecutionError::no_such_key(category))
            }
        }
    }
}

binding!(DocsByCategory, MAP, container: true);

impl Container for DocsByCategory<'_> {
    fn contains(&self, value: &dyn Val) -> Result<bool, ExecutionError> {
        Ok(self.find(key_of(value)?).is_some())
    }
}

impl Sizer for DocsByCategory<'_> {
    fn size(&self) -> CelInt {
        size_of(self.first.len())
    }
}

impl<'a> Iterable for DocsByCategory<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        iterate(
            self.names.get_or_init(|| self.first.iter().map(|d| CelString::from(d.doc.category.as_str())).collect()),
        )
    }
}
