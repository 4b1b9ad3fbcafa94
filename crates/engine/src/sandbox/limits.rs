//! The limits a parse runs under, as `[limits]` of `docreview.toml` sets them.
//! Two are set by the child on itself (memory and CPU, with `setrlimit`), two
//! are enforced by the parent (the wall-clock deadline and the size of the
//! answer it accepts).

use std::time::Duration;

/// Limits of one parse. Each field names the setting it comes from, so a
/// cause can tell the operator which one to raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLimits {
    /// Address space of the child (`RLIMIT_AS`), in bytes: `limits.parse_memory_bytes`.
    pub memory_bytes: u64,
    /// CPU time of the child (`RLIMIT_CPU`), in seconds: `limits.parse_cpu_seconds`.
    pub cpu_seconds: u64,
    /// Wall-clock time from start to answer, in milliseconds: `limits.parse_timeout_ms`.
    pub timeout_ms: u64,
    /// Largest answer (the parsed document as JSON) accepted, in bytes:
    /// `limits.parse_output_bytes`. The document is stored, so it is bounded.
    pub output_bytes: u64,
    /// Most pixels of one image page, or of a PDF page rendered for OCR:
    /// `limits.parse_image_pixels`. Checked against the size an image
    /// declares before it is decoded.
    pub image_pixels: u64,
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self {
            memory_bytes: 1 << 30,
            cpu_seconds: 60,
            timeout_ms: 120_000,
            output_bytes: 256 << 20,
            image_pixels: docreview_extract::parse::DEFAULT_IMAGE_PIXELS,
        }
    }
}

impl ParseLimits {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    /// What the child sets on itself, as it receives it on its command line.
    pub fn child(&self) -> ChildLimits {
        ChildLimits { memory_bytes: self.memory_bytes, cpu_seconds: self.cpu_seconds }
    }
}

/// The limits the child process sets on itself before it reads its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildLimits {
    /// `RLIMIT_AS`, soft and hard.
    pub memory_bytes: u64,
    /// `RLIMIT_CPU`: soft at this (SIGXCPU), hard one second later (SIGKILL).
    pub cpu_seconds: u64,
}

/// The flag that carries [`ChildLimits::memory_bytes`] on the child's command line.
pub const MEMORY_FLAG: &str = "--memory-bytes";
/// The flag that carries [`ChildLimits::cpu_seconds`] on the child's command line.
pub const CPU_FLAG: &str = "--cpu-seconds";

impl ChildLimits {
    /// The arguments after the parser command: `--memory-bytes N --cpu-seconds N`.
    pub fn to_args(self) -> [String; 4] {
        [MEMORY_FLAG.to_owned(), self.memory_bytes.to_string(), CPU_FLAG.to_owned(), self.cpu_seconds.to_string()]
    }
}

/// A byte count for people: `1 GiB`, `256 MiB`, `1.5 KiB`, `900 bytes`.
pub(crate) fn human_bytes(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// A duration in milliseconds for people: `120 s`, `1.5 s`, `250 ms`.
pub(crate) fn human_millis(ms: u64) -> String {
    match ms {
        ms if ms.is_multiple_of(1000) => format!("{} s", ms / 1000),
        ms if ms > 1000 => format!("{:.1} s", ms as f64 / 1000.0),
        ms => format!("{ms} ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_read_in_the_largest_whole_unit() {
        assert_eq!(human_bytes(1 << 30), "1 GiB");
        assert_eq!(human_bytes(256 << 20), "256 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(900), "900 bytes");
    }

    #[test]
    fn durations_read_in_seconds_from_one_second() {
        assert_eq!(human_millis(120_000), "120 s");
        assert_eq!(human_millis(1500), "1.5 s");
        assert_eq!(human_millis(250), "250 ms");
    }

    #[test]
    fn the_child_receives_its_limits_as_flags() {
        let limits = ParseLimits { memory_bytes: 5, cpu_seconds: 7, ..ParseLimits::default() };
        assert_eq!(limits.child().to_args(), ["--memory-bytes", "5", "--cpu-seconds", "7"]);
    }
}
