//! Anchors as the database keeps them (`rule_tasks.anchors` and
//! `rule_task_runs.anchors`): a JSON array of positional arrays,
//! `[start_pos, end_pos, text, vertices, file_id, extract_task_id, page,
//! source, file_category, field_name]`, ids as numbers.
//!
//! Why not the API's objects: a plan writes thousands of rule tasks in one
//! statement and their anchors are most of what it writes. Without the keys
//! they are about a third smaller, and the database unpacks a plan's rows in
//! about two-thirds of the time. Anchors stored as objects (by earlier
//! versions) still read.

use std::fmt;

use docreview_wire::Id;
use docreview_wire::review::Anchor;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{StoreError, json};

/// Anchors in their stored form, for writing (alone or nested in a row).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoredAnchors<'a>(pub(crate) &'a [Anchor]);

impl Serialize for StoredAnchors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for a in self.0 {
            let fields = (
                a.start_pos,
                a.end_pos,
                &a.text,
                &a.vertices,
                a.file_id.0,
                a.extract_task_id.0,
                a.page,
                &a.source,
                &a.file_category,
                &a.field_name,
            );
            seq.serialize_element(&fields)?;
        }
        seq.end()
    }
}

/// The stored text of `anchors`.
pub(crate) fn encode(anchors: &[Anchor]) -> Result<String, StoreError> {
    json::encode(&StoredAnchors(anchors))
}

/// Anchors from their stored text, in either form.
pub(crate) fn decode(text: &str, column: &str) -> Result<Vec<Anchor>, StoreError> {
    let read: Vec<ReadAnchor> = json::decode(text, column)?;
    Ok(read.into_iter().map(|r| r.0).collect())
}

/// One stored anchor: a positional array, or an object as the API shows it.
struct ReadAnchor(Anchor);

impl<'de> Deserialize<'de> for ReadAnchor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnchorVisitor).map(ReadAnchor)
    }
}

struct AnchorVisitor;

impl<'de> Visitor<'de> for AnchorVisitor {
    type Value = Anchor;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an anchor, as an array of its ten fields or as an object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Anchor, A::Error> {
        fn next<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(seq: &mut A, index: usize) -> Result<T, A::Error> {
            seq.next_element()?.ok_or_else(|| de::Error::invalid_length(index, &AnchorVisitor))
        }
        Ok(Anchor {
            start_pos: next(&mut seq, 0)?,
            end_pos: next(&mut seq, 1)?,
            text: next(&mut seq, 2)?,
            vertices: next(&mut seq, 3)?,
            file_id: Id(next(&mut seq, 4)?),
            extract_task_id: Id(next(&mut seq, 5)?),
            page: next(&mut seq, 6)?,
            source: next(&mut seq, 7)?,
            file_category: next(&mut seq, 8)?,
            field_name: next(&mut seq, 9)?,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Anchor, A::Error> {
        Anchor::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(field_name: Option<&str>) -> Anchor {
        Anchor {
            start_pos: 12,
            end_pos: 18,
            text: "151.05".into(),
            vertices: vec![100, 200, 300, 200, 300, 220, 100, 220],
            file_id: Id(1_955_840_505_753_140_508),
            extract_task_id: Id(1_955_840_505_753_140_509),
            page: 1,
            source: "extract_field".into(),
            file_category: field_name.map(|_| "Invoice".to_owned()),
            field_name: field_name.map(str::to_owned),
        }
    }

    #[test]
    fn anchors_are_stored_as_positional_arrays_and_read_back_whole() {
        let anchors = vec![anchor(Some("Tax Amount")), anchor(None)];
        let text = encode(&anchors).unwrap();
        assert!(
            text.starts_with(r#"[[12,18,"151.05",[100,200,300,200,300,220,100,220],1955840505753140508,"#),
            "{text}"
        );
        assert_eq!(decode(&text, "anchors").unwrap(), anchors);
        let as_objects = serde_json::to_string(&anchors).unwrap();
        assert!(text.len() * 3 < as_objects.len() * 2, "a third smaller: {} vs {}", text.len(), as_objects.len());
    }

    #[test]
    fn anchors_stored_as_objects_still_read() {
        let anchors = vec![anchor(Some("Total")), anchor(None)];
        assert_eq!(decode(&serde_json::to_string(&anchors).unwrap(), "anchors").unwrap(), anchors);
        assert_eq!(decode("[]", "anchors").unwrap(), vec![]);
    }

    #[test]
    fn a_damaged_anchor_is_an_error_not_a_panic() {
        for text in [r#"[[1,2,"x"]]"#, r#"[[1,2,"x",[],"not an id",5,1,"ocr",null,null]]"#, r#"[7]"#, r#"{}"#] {
            let error = decode(text, "rule_tasks.anchors").unwrap_err();
            assert!(error.to_string().contains("rule_tasks.anchors"), "{text}: {error}");
        }
    }
}
