//! A document's extracted data as CEL values: `fields` and table rows map
//! names to strings, `tables` maps table names to lists of rows. Looking a
//! value up records it; looking up a name that is not there records the miss.

use std::sync::OnceLock;

use cel::ExecutionError;
use cel::common::traits::{Container, Iterable, Iterator as CelIterator, Sizer};
use cel::common::types::{CelInt, CelString};
use cel::common::value::{CowVal, Val};
use docreview_wire::file::KeyValue;

use super::{DocVal, LIST, MAP, binding, iterate, key_of, position_of, size_of};
use crate::context::{TableRef, cell};
use crate::expression::recorder::{Miss, Read};

fn names<'a>(entries: impl IntoIterator<Item = &'a str>) -> Vec<CelString<'a>> {
    entries.into_iter().map(CelString::from).collect()
}

/// `fields`: field name (or export name) → value.
#[derive(Debug, Clone)]
pub(crate) struct FieldsVal<'a> {
    doc: DocVal<'a>,
    names: OnceLock<Vec<CelString<'a>>>,
}

impl<'a> FieldsVal<'a> {
    pub(super) fn new(doc: DocVal<'a>) -> Self {
        FieldsVal { doc, names: OnceLock::new() }
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let name = key_of(idx)?;
        let DocVal { index: doc, doc: document, recorder } = self.doc;
        match document.field(name) {
            Some((field, kv)) => {
                recorder.read(Read::Field { doc, field });
                Ok(CowVal::owned(CelString::from(kv.value.as_str())))
            }
            None => {
                recorder.miss(Miss::Field { doc, name: name.to_owned() });
                Err(ExecutionError::no_such_key(name))
            }
        }
    }
}

binding!(FieldsVal, MAP, container: true);

impl Container for FieldsVal<'_> {
    fn contains(&self, value: &dyn Val) -> Result<bool, ExecutionError> {
        Ok(self.doc.doc.field(key_of(value)?).is_some())
    }
}

impl Sizer for FieldsVal<'_> {
    fn size(&self) -> CelInt {
        size_of(self.doc.doc.data.fields.len())
    }
}

impl<'a> Iterable for FieldsVal<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        let doc = self.doc.doc;
        iterate(self.names.get_or_init(|| names(doc.data.fields.iter().map(|f| f.key.as_str()))))
    }
}

/// `tables`: table name → rows.
#[derive(Debug, Clone)]
pub(crate) struct TablesVal<'a> {
    doc: DocVal<'a>,
    names: OnceLock<Vec<CelString<'a>>>,
}

impl<'a> TablesVal<'a> {
    pub(super) fn new(doc: DocVal<'a>) -> Self {
        TablesVal { doc, names: OnceLock::new() }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.doc.doc.data.tables.iter().position(|t| t.table_name == name)
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let name = key_of(idx)?;
        match self.find(name) {
            Some(table) => Ok(CowVal::owned(RowsVal::new(self.doc, TableRef::Named(table)))),
            None => {
                self.doc.recorder.miss(Miss::Table { doc: self.doc.index, name: name.to_owned() });
                Err(ExecutionError::no_such_key(name))
            }
        }
    }
}

binding!(TablesVal, MAP, container: true);

impl Container for TablesVal<'_> {
    fn contains(&self, value: &dyn Val) -> Result<bool, ExecutionError> {
        Ok(self.find(key_of(value)?).is_some())
    }
}

impl Sizer for TablesVal<'_> {
    fn size(&self) -> CelInt {
        size_of(self.doc.doc.data.tables.len())
    }
}

impl<'a> Iterable for TablesVal<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        let doc = self.doc.doc;
        iterate(self.names.get_or_init(|| names(doc.data.tables.iter().map(|t| t.table_name.as_str()))))
    }
}

/// The rows of a table, a list.
#[derive(Debug, Clone)]
pub(crate) struct RowsVal<'a> {
    rows: Vec<RowVal<'a>>,
}

impl<'a> RowsVal<'a> {
    pub(super) fn new(doc: DocVal<'a>, table: TableRef) -> Self {
        let cells = table.rows(&doc.doc.data);
        RowsVal { rows: cells.iter().enumerate().map(|(row, cells)| RowVal::new(doc, table, row, cells)).collect() }
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let at = position_of(idx, self.rows.len())?;
        Ok(CowVal::Borrowed(&self.rows[at]))
    }
}

binding!(RowsVal, LIST, container: false);

impl Sizer for RowsVal<'_> {
    fn size(&self) -> CelInt {
        size_of(self.rows.len())
    }
}

impl<'a> Iterable for RowsVal<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        iterate(&self.rows)
    }
}

/// One table row: column name (or export name) → cell value.
#[derive(Debug, Clone)]
pub(crate) struct RowVal<'a> {
    doc: DocVal<'a>,
    table: TableRef,
    row: usize,
    cells: &'a [KeyValue],
    names: OnceLock<Vec<CelString<'a>>>,
}

impl<'a> RowVal<'a> {
    fn new(doc: DocVal<'a>, table: TableRef, row: usize, cells: &'a [KeyValue]) -> Self {
        RowVal { doc, table, row, cells, names: OnceLock::new() }
    }

    fn lookup<'b, 'v>(&'b self, idx: &dyn Val) -> Result<CowVal<'b, 'v>, ExecutionError>
    where
        'a: 'v,
    {
        let name = key_of(idx)?;
        let (doc, table, row) = (self.doc.index, self.table, self.row);
        match cell(self.cells, name) {
            Some((column, kv)) => {
                self.doc.recorder.read(Read::Cell { doc, table, row, column });
                Ok(CowVal::owned(CelString::from(kv.value.as_str())))
            }
            None => {
                self.doc.recorder.miss(Miss::Column { doc, table, row, name: name.to_owned() });
                Err(ExecutionError::no_such_key(name))
            }
        }
    }
}

binding!(RowVal, MAP, container: true);

impl Container for RowVal<'_> {
    fn contains(&self, value: &dyn Val) -> Result<bool, ExecutionError> {
        Ok(cell(self.cells, key_of(value)?).is_some())
    }
}

impl Sizer for RowVal<'_> {
    fn size(&self) -> CelInt {
        size_of(self.cells.len())
    }
}

impl<'a> Iterable for RowVal<'a> {
    fn iter<'b, 'v>(&'b self) -> Box<dyn CelIterator<'b, 'v> + 'b>
    where
        Self: 'v,
    {
        let cells = self.cells;
        iterate(self.names.get_or_init(|| names(cells.iter().map(|c| c.key.as_str()))))
    }
}
