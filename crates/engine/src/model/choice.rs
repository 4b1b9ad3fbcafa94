//! Which configured model a review task is judged by, and the name it is
//! reported under. DocFlow answers `review/task/submit` and the result with
//! the display name of the model actually used, and maps its deprecated model
//! names to their replacements; docreview's display name of a model is its
//! `name` in `[[models]]`, whichever of its aliases the task asked for.

use super::ModelSettings;

/// DocFlow's deprecated review models and their replacements (DocFlow
/// deprecated them on 2026-07-08 and answers with the replacement).
pub const DEPRECATED_MODELS: [(&str, &str); 3] =
    [("deepseek-r1", "deepseek-v4-pro"), ("qwq-32b", "qwen3.6-plus"), ("qwen3-max", "qwen3.7-max")];

/// What a task reports when no model is configured and it asked for none:
/// only rules with an expression can then be judged.
pub const NO_MODEL: &str = "none";

/// `requested`, trimmed, with a deprecated DocFlow name replaced as DocFlow
/// replaces it.
pub fn current_model_name(requested: &str) -> &str {
    let requested = requested.trim();
    DEPRECATED_MODELS
        .iter()
        .find(|(old, _)| old.eq_ignore_ascii_case(requested))
        .map_or(requested, |(_, replacement)| replacement)
}

/// Whether a model answers to `name`: its own name or one of its aliases,
/// ignoring case.
pub(crate) fn answers_to(model: &ModelSettings, name: &str) -> bool {
    model.name.eq_ignore_ascii_case(name) || model.aliases.iter().any(|alias| alias.eq_ignore_ascii_case(name))
}

/// The index of the model judging a task that asked for `requested`: the one
/// answering to it (after deprecated names are replaced), else the first.
pub(crate) fn chosen<'a>(models: impl IntoIterator<Item = &'a ModelSettings>, requested: &str) -> Option<usize> {
    let wanted = current_model_name(requested);
    let mut first = None;
    for (index, model) in models.into_iter().enumerate() {
        if answers_to(model, wanted) {
            return Some(index);
        }
        first.get_or_insert(index);
    }
    first
}

/// The name a task asking for `requested` (nothing, a name or an alias) is
/// reported under: the `name` of the configured model that will judge it;
/// with no model configured, the requested name (deprecated ones replaced),
/// or [`NO_MODEL`].
pub fn model_in_use(models: &[ModelSettings], requested: Option<&str>) -> String {
    let requested = requested.map(str::trim).filter(|name| !name.is_empty());
    match chosen(models, requested.unwrap_or_default()) {
        Some(index) => models[index].name.clone(),
        None => requested.map_or(NO_MODEL, current_model_name).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(name: &str, aliases: &[&str]) -> ModelSettings {
        ModelSettings {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..ModelSettings::default()
        }
    }

    #[test]
    fn a_task_reports_the_configured_name_of_the_model_judging_it() {
        let models = [model("local", &["deepseek-v4-pro", "ORM-O1"]), model("big", &["qwen3.7-max"])];
        for (requested, reported) in [
            (None, "local"),
            (Some("ORM-O1"), "local"),
            (Some("deepseek-r1"), "local"),
            (Some("qwen3-max"), "big"),
            (Some("BIG"), "big"),
            (Some("unknown"), "local"),
        ] {
            assert_eq!(model_in_use(&models, requested), reported, "{requested:?}");
        }
    }

    #[test]
    fn without_models_the_requested_name_is_reported_with_deprecated_names_replaced() {
        assert_eq!(model_in_use(&[], Some("deepseek-r1")), "deepseek-v4-pro");
        assert_eq!(model_in_use(&[], Some("qwq-32b")), "qwen3.6-plus");
        assert_eq!(model_in_use(&[], Some("ORM-O1")), "ORM-O1");
        assert_eq!(model_in_use(&[], None), NO_MODEL);
        assert_eq!(model_in_use(&[], Some("  ")), NO_MODEL);
    }
}
