//! Watching a server answer `GET /livez` while it works: a thread polls it
//! every few milliseconds and records the slowest answer and any failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Pause between two probes.
const PACE: Duration = Duration::from_millis(10);

/// What the probes saw.
#[derive(Debug, Clone, Copy)]
pub struct LivenessReport {
    pub probes: usize,
    pub failures: usize,
    pub worst: Duration,
}

/// A running probe of one server.
pub struct Liveness {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<LivenessReport>,
}

impl Liveness {
    /// Starts probing `{base}/livez`.
    pub fn watch(base: &str) -> Self {
        let url = format!("{base}/livez");
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
            let mut report = LivenessReport { probes: 0, failures: 0, worst: Duration::ZERO };
            while !stopped.load(Ordering::Relaxed) {
                let started = Instant::now();
                let ok = http.get(&url).send().is_ok_and(|r| r.status().is_success());
                report.worst = report.worst.max(started.elapsed());
                report.probes += 1;
                report.failures += usize::from(!ok);
                std::thread::sleep(PACE);
            }
            report
        });
        Self { stop, thread }
    }

    /// Stops probing; what was seen.
    pub fn stop(self) -> LivenessReport {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

/// The peak resident memory (`VmHWM`) of process `pid`, in bytes.
pub fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().unwrap();
    kib * 1024
}
