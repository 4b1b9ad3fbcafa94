//! Compiled programs kept by expression text, so that a rule is compiled
//! once per process and evaluated many times (compiling costs tens of
//! microseconds, evaluating a few). Bounded: when full, the least recently
//! used program makes room. Lookups take a read lock only.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use super::compile::{CompiledRule, ExpressionError, compile};

/// A thread-safe, bounded cache of compiled expressions.
#[derive(Debug)]
pub struct ProgramCache {
    capacity: usize,
    entries: RwLock<HashMap<String, Entry>>,
    clock: AtomicU64,
}

#[derive(Debug)]
struct Entry {
    rule: Arc<CompiledRule>,
    last_used: AtomicU64,
}

impl ProgramCache {
    /// Room for far more rules than a repository usually holds.
    pub const DEFAULT_CAPACITY: usize = 4096;

    /// A cache holding at most `capacity` programs (at least one).
    pub fn new(capacity: usize) -> Self {
        ProgramCache { capacity: capacity.max(1), entries: RwLock::default(), clock: AtomicU64::new(0) }
    }

    /// The compiled program of `expression`, compiling it on first use.
    /// Expressions that do not compile are not kept: they fail again, with
    /// the same error, until the rule is fixed.
    pub fn get_or_compile(&self, expression: &str) -> Result<Arc<CompiledRule>, ExpressionError> {
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        if let Some(entry) = self.entries.read().unwrap_or_else(PoisonError::into_inner).get(expression) {
            entry.last_used.store(now, Ordering::Relaxed);
            return Ok(Arc::clone(&entry.rule));
        }
        let rule = Arc::new(compile(expression)?);
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = entries.get(expression) {
            return Ok(Arc::clone(&entry.rule));
        }
        if entries.len() >= self.capacity {
            let oldest =
                entries.iter().min_by_key(|(_, e)| e.last_used.load(Ordering::Relaxed)).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                entries.remove(&oldest);
            }
        }
        entries.insert(expression.to_owned(), Entry { rule: Arc::clone(&rule), last_used: AtomicU64::new(now) });
        Ok(rule)
    }

    /// How many programs are kept.
    pub fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for ProgramCache {
    fn default() -> Self {
        ProgramCache::new(Self::DEFAULT_CAPACITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_is_compiled_once_and_shared() {
        let cache = ProgramCache::default();
        let first = cache.get_or_compile("true").unwrap();
        let second = cache.get_or_compile("true").unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_least_recently_used_program_makes_room() {
        let cache = ProgramCache::new(2);
        let a = cache.get_or_compile("1 == 1").unwrap();
        cache.get_or_compile("2 == 2").unwrap();
        cache.get_or_compile("1 == 1").unwrap();
        cache.get_or_compile("3 == 3").unwrap();
        assert_eq!(cache.len(), 2);
        assert!(Arc::ptr_eq(&a, &cache.get_or_compile("1 == 1").unwrap()), "recently used, kept");
    }

    #[test]
    fn broken_expressions_are_errors_and_not_kept() {
        let cache = ProgramCache::default();
        assert!(cache.get_or_compile("1 +").is_err());
        assert!(cache.is_empty());
    }

    #[test]
    fn threads_share_one_cache() {
        let cache = ProgramCache::new(8);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for i in 0..20 {
                        assert!(cache.get_or_compile(&format!("{} == {}", i % 10, i % 10)).is_ok());
                    }
                });
            }
        });
        assert!(cache.len() <= 8);
    }
}
