//! Waiting for background work, as any DocFlow client does: poll, and give up
//! at a deadline with a message that says what did not finish and how far it got.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// Time between two looks.
const INTERVAL: Duration = Duration::from_millis(100);

/// What one look found.
#[derive(Debug)]
pub enum Progress<T> {
    Done(T),
    /// Not yet; the text says how far it is.
    Pending(String),
}

/// Calls `look` until it reports [`Progress::Done`], an error, or `limit` has passed.
pub async fn until<T, F, Fut>(what: &str, limit: Duration, mut look: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Progress<T>>>,
{
    let deadline = Instant::now() + limit;
    loop {
        match look().await? {
            Progress::Done(done) => return Ok(done),
            Progress::Pending(state) if Instant::now() >= deadline => {
                anyhow::bail!("{what} did not finish within {limit:?} (last seen: {state})")
            }
            Progress::Pending(_) => tokio::time::sleep(INTERVAL).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiting_gives_up_at_the_deadline_naming_the_last_state() {
        let error = until("extraction", Duration::from_millis(250), || async {
            Ok(Progress::<()>::Pending("1 of 3 files extracted".to_owned()))
        })
        .await
        .unwrap_err();
        assert_eq!(error.to_string(), "extraction did not finish within 250ms (last seen: 1 of 3 files extracted)");
    }

    #[tokio::test]
    async fn waiting_returns_what_the_look_found_once_done() {
        let mut looks = 0;
        let done = until("review", Duration::from_secs(60), || {
            looks += 1;
            let progress = if looks < 3 { Progress::Pending(String::new()) } else { Progress::Done(looks) };
            async move { Ok(progress) }
        })
        .await
        .unwrap();
        assert_eq!(done, 3);
    }
}
