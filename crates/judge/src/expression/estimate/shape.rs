//! What the estimate knows of a value: its kind, an upper bound of its size
//! in bytes (as [`size`](crate::expression::size) counts it) and of its
//! length, and the shape of its elements. Documents are not seen when a rule
//! is saved, so their sizes are assumptions, stated here and in the docs.

use crate::expression::size::ELEMENT_BYTES;

/// Documents a review is assumed to hold.
pub(crate) const ASSUMED_DOCUMENTS: f64 = 100.0;
/// Fields of a document, and columns of a table row.
pub(crate) const ASSUMED_FIELDS: f64 = 100.0;
/// Tables of a document.
pub(crate) const ASSUMED_TABLES: f64 = 20.0;
/// Rows of a table.
pub(crate) const ASSUMED_ROWS: f64 = 1000.0;
/// Bytes of a field or cell value.
pub(crate) const ASSUMED_VALUE_BYTES: f64 = 1000.0;
/// What a number or bool counts for.
const SCALAR_BYTES: f64 = 8.0;
/// A field or column name, as a view of a document measures it.
const NAME_BYTES: f64 = 32.0;

/// The kinds of value the estimate tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Number,
    Text,
    List,
    Map,
    /// A document of the review (`doc.Invoice`, an element of `docs`).
    Document,
    /// Anything the estimate cannot follow; sized as a document value.
    Unknown,
}

/// Upper bounds of a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    pub kind: Kind,
    /// Size in bytes.
    pub bytes: f64,
    /// Elements, entries or characters: how many steps a loop over it takes.
    pub len: f64,
    /// The shape of an element (a list) or of a value (a map).
    pub item: Option<Box<Shape>>,
}

impl Shape {
    pub(crate) fn number() -> Self {
        Shape { kind: Kind::Number, bytes: SCALAR_BYTES, len: 0.0, item: None }
    }

    pub(crate) fn text(bytes: f64) -> Self {
        Shape { kind: Kind::Text, bytes, len: bytes, item: None }
    }

    pub(crate) fn list(len: f64, item: Shape) -> Self {
        let bytes = len * (ELEMENT_BYTES as f64 + item.bytes);
        Shape { kind: Kind::List, bytes, len, item: Some(Box::new(item)) }
    }

    /// A list of `len` elements of `item` that hold `bytes` together (a split
    /// string's parts are each as long as the string but share its bytes).
    pub(crate) fn list_of_total(len: f64, item: Shape, bytes: f64) -> Self {
        Shape { kind: Kind::List, bytes: bytes + len * ELEMENT_BYTES as f64, len, item: Some(Box::new(item)) }
    }

    pub(crate) fn map(len: f64, value: Shape) -> Self {
        let bytes = len * (ELEMENT_BYTES as f64 + value.bytes);
        Shape { kind: Kind::Map, bytes, len, item: Some(Box::new(value)) }
    }

    pub(crate) fn document() -> Self {
        Shape { kind: Kind::Document, bytes: 0.0, len: 4.0, item: None }
    }

    pub(crate) fn unknown() -> Self {
        Shape { kind: Kind::Unknown, bytes: ASSUMED_VALUE_BYTES, len: ASSUMED_ROWS, item: None }
    }

    /// `doc.X.fields` and a table row: name → value. A view of the
    /// document: copying one copies its names, not its values.
    pub(crate) fn fields() -> Self {
        let value = Shape::text(ASSUMED_VALUE_BYTES);
        let bytes = ASSUMED_FIELDS * (ELEMENT_BYTES as f64 + NAME_BYTES);
        Shape { kind: Kind::Map, bytes, len: ASSUMED_FIELDS, item: Some(Box::new(value)) }
    }

    /// The rows of a table.
    pub(crate) fn rows() -> Self {
        Shape::list(ASSUMED_ROWS, Shape::fields())
    }

    /// `doc.X.tables`: table name → rows, a view too.
    pub(crate) fn tables() -> Self {
        let bytes = ASSUMED_TABLES * (ELEMENT_BYTES as f64 + NAME_BYTES);
        Shape { kind: Kind::Map, bytes, len: ASSUMED_TABLES, item: Some(Box::new(Shape::rows())) }
    }

    /// An element of this list, a value of this map, else unknown.
    pub(crate) fn element(&self) -> Shape {
        match (&self.item, self.kind) {
            (Some(item), _) => (**item).clone(),
            (None, Kind::Text) => Shape::text(self.bytes),
            _ => Shape::unknown(),
        }
    }

    /// The larger of two shapes, for values that may be either (`c ? a : b`).
    pub(crate) fn either(self, other: Shape) -> Shape {
        if self.kind == other.kind {
            let item = match (self.item, other.item) {
                (Some(a), Some(b)) => Some(Box::new(a.either(*b))),
                (a, b) => a.or(b),
            };
            Shape { kind: self.kind, bytes: self.bytes.max(other.bytes), len: self.len.max(other.len), item }
        } else if self.bytes >= other.bytes {
            Shape { kind: Kind::Unknown, ..self }
        } else {
            Shape { kind: Kind::Unknown, ..other }
        }
    }
}
