//! The child's limits on itself, set before it reads a byte of its input:
//! memory (`RLIMIT_AS`), CPU time (`RLIMIT_CPU`, a SIGXCPU at the soft limit
//! and a SIGKILL one second later), a handful of open files, no file writes
//! (`RLIMIT_FSIZE` 0) and no core dumps. The child also asks to be killed
//! when the server dies, so no parse outlives it.
//!
//! Limits can only be lowered without privileges, so each is capped at the
//! hard limit the process already has.

use std::io;

use rustix::process::{Resource, Rlimit, Signal, getrlimit, set_parent_process_death_signal, setrlimit};

use super::limits::ChildLimits;

/// Descriptors the child may hold: its three pipes and a few to spare for
/// the standard library; it opens no file.
const OPEN_FILES: u64 = 16;

/// Applies `limits` to the calling process. Fails if any limit cannot be set:
/// a child without its limits must not parse.
pub fn confine(limits: ChildLimits) -> io::Result<()> {
    set_parent_process_death_signal(Some(Signal::KILL))?;
    set(Resource::As, limits.memory_bytes, limits.memory_bytes)?;
    set(Resource::Cpu, limits.cpu_seconds, limits.cpu_seconds.saturating_add(1))?;
    set(Resource::Nofile, OPEN_FILES, OPEN_FILES)?;
    set(Resource::Fsize, 0, 0)?;
    set(Resource::Core, 0, 0)?;
    Ok(())
}

fn set(resource: Resource, soft: u64, hard: u64) -> io::Result<()> {
    let ceiling = getrlimit(resource).maximum.unwrap_or(u64::MAX);
    let hard = hard.min(ceiling);
    setrlimit(resource, Rlimit { current: Some(soft.min(hard)), maximum: Some(hard) })
        .map_err(|error| io::Error::new(error.kind(), format!("setting {resource:?} to {soft}/{hard}: {error}")))
}
