//! Time-ordered 64-bit ids.
//!
//! Layout (most significant first): 41 bits of milliseconds since 2024-01-01 UTC,
//! 10 bits of node (random per process, so several processes on one database
//! rarely collide; the primary keys catch the rest), 12 bits of sequence. Ids
//! from one process are strictly increasing even if the clock steps back.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const EPOCH_MS: u64 = 1_704_067_200_000;
const NODE_BITS: u32 = 10;
const SEQUENCE_BITS: u32 = 12;
const SEQUENCE_MASK: u64 = (1 << SEQUENCE_BITS) - 1;
const TIME_SHIFT: u32 = NODE_BITS + SEQUENCE_BITS;

/// Hands out unique, increasing ids.
#[derive(Debug)]
pub struct IdGenerator {
    node: u64,
    last: AtomicU64,
}

impl IdGenerator {
    /// A generator with a random node number.
    pub fn new() -> Self {
        Self::with_node(rand::random::<u64>())
    }

    /// A generator with a fixed node number (only its low 10 bits are used).
    pub fn with_node(node: u64) -> Self {
        Self { node: node & ((1 << NODE_BITS) - 1), last: AtomicU64::new(0) }
    }

    /// The next id; always positive and greater than the previous one.
    pub fn next_id(&self) -> i64 {
        let now = now_ms().saturating_sub(EPOCH_MS);
        let candidate = (now << TIME_SHIFT) | (self.node << SEQUENCE_BITS);
        let mut previous = self.last.load(Ordering::Relaxed);
        loop {
            // Same millisecond (or a clock step back): take the next sequence number,
            // borrowing from the following millisecond when the sequence is exhausted.
            let next = if candidate > previous {
                candidate
            } else if previous & SEQUENCE_MASK == SEQUENCE_MASK {
                (((previous >> TIME_SHIFT) + 1) << TIME_SHIFT) | (self.node << SEQUENCE_BITS)
            } else {
                previous + 1
            };
            match self.last.compare_exchange_weak(previous, next, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return (next & (i64::MAX as u64)) as i64,
                Err(actual) => previous = actual,
            }
        }
    }
}

impl Default for IdGenerator {
    fn default() -> Self {
        Self::new()
    }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(EPOCH_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_strictly_increasing_and_unique() {
        let ids = IdGenerator::with_node(7);
        let mut previous = 0;
        for _ in 0..100_000 {
            let id = ids.next_id();
            assert!(id > previous, "{id} after {previous}");
            previous = id;
        }
    }

    #[test]
    fn ids_carry_the_node_number() {
        let id = IdGenerator::with_node(0b10_1010_1010).next_id() as u64;
        assert_eq!((id >> SEQUENCE_BITS) & 0x3ff, 0b10_1010_1010);
    }
}
