//! How long to wait before trying a model again: what the server asked for
//! (`Retry-After`, `retry-after-ms`) when it said, else exponential backoff;
//! both with jitter so that workers hit by the same fault do not come back
//! in lockstep.

use std::time::Duration;

use rand::Rng;

/// The first backoff; doubled per attempt.
const BASE: Duration = Duration::from_millis(500);
/// The longest backoff when the server did not say.
const CAP: Duration = Duration::from_secs(20);

/// The wait before attempt `attempt + 1` (attempts count from 1).
pub(crate) fn retry_delay(attempt: u32, asked: Option<Duration>, rng: &mut impl Rng) -> Duration {
    match asked {
        // At least what was asked, plus up to a fifth more.
        Some(asked) => asked + asked.mul_f64(rng.random_range(0.0..0.2)),
        None => {
            let full = BASE.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(CAP);
            // Equal jitter: half fixed, half random.
            full / 2 + full.mul_f64(rng.random_range(0.0..0.5))
        }
    }
}

/// The wait a response asks for: `retry-after-ms` (milliseconds, as OpenAI
/// sends it) or `Retry-After` in seconds. An HTTP-date is not read; the
/// caller's backoff applies instead.
pub(crate) fn asked_wait(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = |name: &str| headers.get(name)?.to_str().ok().map(str::trim).and_then(|v| v.parse::<f64>().ok());
    let seconds = value("retry-after-ms").map(|ms| ms / 1000.0).or_else(|| value("retry-after"))?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(86_400.0)))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let mut rng = StdRng::seed_from_u64(7);
        for attempt in 1..=12 {
            let full = BASE.saturating_mul(1 << (attempt - 1)).min(CAP);
            let delay = retry_delay(attempt, None, &mut rng);
            assert!(delay >= full / 2 && delay <= full, "attempt {attempt}: {delay:?} outside {full:?}/2..{full:?}");
        }
    }

    #[test]
    fn an_asked_wait_is_honoured_with_a_little_more() {
        let mut rng = StdRng::seed_from_u64(7);
        let delay = retry_delay(1, Some(Duration::from_secs(2)), &mut rng);
        assert!(delay >= Duration::from_secs(2) && delay <= Duration::from_millis(2400), "{delay:?}");
    }

    #[test]
    fn retry_after_headers_are_read() {
        let mut headers = HeaderMap::new();
        assert_eq!(asked_wait(&headers), None);
        headers.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(asked_wait(&headers), Some(Duration::from_secs(3)));
        headers.insert("retry-after-ms", HeaderValue::from_static("250"));
        assert_eq!(asked_wait(&headers), Some(Duration::from_millis(250)));
        headers.remove("retry-after-ms");
        headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(asked_wait(&headers), None);
    }
}
