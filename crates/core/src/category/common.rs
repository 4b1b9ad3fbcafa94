//! Small helpers shared by the category validations.

use docreview_wire::Id;

use crate::validation::{ValidationError, required_id};

/// The path of `field` inside `prefix` (`fields[2]` + `name` → `fields[2].name`);
/// an empty prefix is the top level of the body.
pub(crate) fn at(prefix: &str, field: &str) -> String {
    if prefix.is_empty() { field.to_owned() } else { format!("{prefix}.{field}") }
}

/// The path of the `index`th entry of the list `prefix`.
pub(crate) fn item(prefix: &str, index: usize) -> String {
    format!("{prefix}[{index}]")
}

/// The workspace and category every category sub-resource request names.
pub(crate) fn scope(workspace_id: Option<Id>, category_id: Option<Id>) -> Result<(i64, i64), ValidationError> {
    Ok((required_id(workspace_id, "workspace_id")?, required_id(category_id, "category_id")?))
}

/// A required list with `min..=max` entries.
pub(crate) fn sized<T>(value: Option<Vec<T>>, field: &str, min: usize, max: usize) -> Result<Vec<T>, ValidationError> {
    let list = value.ok_or_else(|| ValidationError::new(field, "is required"))?;
    if list.len() < min {
        return Err(ValidationError::new(field, format!("must have at least {min} entries, got {}", list.len())));
    }
    if list.len() > max {
        return Err(ValidationError::new(field, format!("at most {max} entries, got {}", list.len())));
    }
    Ok(list)
}

/// Fails when `name` was already used by an earlier entry of the same list.
pub(crate) fn unique_name<'a>(
    seen: &mut Vec<&'a str>,
    name: &'a str,
    list: &str,
    index: usize,
) -> Result<(), ValidationError> {
    if let Some(first) = seen.iter().position(|n| *n == name) {
        return Err(ValidationError::new(
            at(&item(list, index), "name"),
            format!("{name:?} is also the name of {}", item(list, first)),
        ));
    }
    seen.push(name);
    Ok(())
}
