//! Summaries of repeated measurements.

/// The median (the upper one of an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Rates in thousands per second, for the per-run list.
pub fn thousands(values: &[f64]) -> String {
    values.iter().map(|v| format!("{:.1}", v / 1000.0)).collect::<Vec<_>>().join(" ")
}
