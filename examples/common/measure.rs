//! Measuring for the benchmarks: CPU-time clocks, percentiles, and
//! milliseconds as printed.
#![allow(dead_code)] // Each benchmark uses a different part.

use std::time::Duration;

/// The `quantile` (0 to 1) of sorted `times`, by nearest rank.
pub fn percentile(sorted: &[Duration], quantile: f64) -> Duration {
    let rank = (quantile * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.saturating_sub(1)).copied().unwrap_or_default()
}

/// Milliseconds with two decimals.
pub fn ms(time: Duration) -> String {
    format!("{:.2}", time.as_secs_f64() * 1000.0)
}

/// CPU-time clocks (std has none). Only on 64-bit Linux, where the C
/// structs are made of `long`s; elsewhere they read `None`.
pub mod cpu_clock {
    use std::time::Duration;

    /// CPU time of the calling thread.
    pub fn thread() -> Option<Duration> {
        imp::clock(imp::CLOCK_THREAD_CPUTIME_ID)
    }

    /// CPU time of the whole process (all threads).
    pub fn process() -> Option<Duration> {
        imp::clock(imp::CLOCK_PROCESS_CPUTIME_ID)
    }

    /// CPU time (user + system) of the child processes that have ended.
    pub fn children() -> Option<Duration> {
        imp::children()
    }

    /// CPU time all processes on the machine have used since it started,
    /// and the time the hypervisor gave this machine's CPUs to others
    /// (`/proc/stat`'s `cpu` line: user + nice + system + irq + softirq,
    /// and steal; counted in 1/100 s). Tells whether something else ran
    /// beside a benchmark. `None` where there is no such file.
    pub fn machine() -> Option<(Duration, Duration)> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let fields: Vec<u64> =
            stat.lines().next()?.split_whitespace().skip(1).map(|field| field.parse().ok()).collect::<Option<_>>()?;
        let ticks = |i: usize| fields.get(i).copied();
        // user nice system idle iowait irq softirq steal …
        let busy = [0, 1, 2, 5, 6].into_iter().map(ticks).sum::<Option<u64>>()?;
        Some((Duration::from_millis(busy * 10), Duration::from_millis(ticks(7)? * 10)))
    }

    /// One thread of this process and the CPU time it has used.
    pub struct ThreadTime {
        /// The thread's id.
        pub id: u64,
        /// Its name (`copydesk-checks`, …), as the kernel keeps it.
        pub name: String,
        /// CPU time it has run.
        pub cpu: Duration,
    }

    /// Every thread of this process now, with its CPU time. Read from
    /// `/proc/self/task/*/schedstat` (nanoseconds); empty where there is
    /// no such file.
    pub fn threads() -> Vec<ThreadTime> {
        let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return Vec::new() };
        tasks
            .filter_map(Result::ok)
            .filter_map(|task| {
                let id = task.file_name().to_str()?.parse().ok()?;
                let name = std::fs::read_to_string(task.path().join("comm")).ok()?.trim().to_owned();
                let schedstat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
                let nanos = schedstat.split_whitespace().next()?.parse().ok()?;
                Some(ThreadTime { id, name, cpu: Duration::from_nanos(nanos) })
            })
            .collect()
    }

    /// CPU time each thread but the calling one used since `before` was
    /// read (threads started since count from zero), summed by thread name,
    /// largest first; threads that used none are left out.
    pub fn other_threads_since(before: &[ThreadTime]) -> Vec<(String, Duration)> {
        // "/proc/thread-self" links to "<pid>/task/<tid>".
        let this: Option<u64> =
            std::fs::read_link("/proc/thread-self").ok().and_then(|link| link.file_name()?.to_str()?.parse().ok());
        let mut by_name: Vec<(String, Duration)> = Vec::new();
        for thread in threads().into_iter().filter(|thread| Some(thread.id) != this) {
            let start = before.iter().find(|b| b.id == thread.id).map_or(Duration::ZERO, |b| b.cpu);
            let used = thread.cpu.saturating_sub(start);
            match by_name.iter_mut().find(|(name, _)| *name == thread.name) {
                Some((_, sum)) => *sum += used,
                None => by_name.push((thread.name, used)),
            }
        }
        by_name.retain(|(_, used)| !used.is_zero());
        by_name.sort_by_key(|(_, used)| std::cmp::Reverse(*used));
        by_name
    }

    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    mod imp {
        use std::ffi::{c_int, c_long};
        use std::time::Duration;

        pub const CLOCK_PROCESS_CPUTIME_ID: c_int = 2;
        pub const CLOCK_THREAD_CPUTIME_ID: c_int = 3;
        const RUSAGE_CHILDREN: c_int = -1;

        #[repr(C)]
        struct Timespec {
            tv_sec: c_long,
            tv_nsec: c_long,
        }

        #[repr(C)]
        struct Timeval {
            tv_sec: c_long,
            tv_usec: c_long,
        }

        /// `struct rusage`: two times, then 14 `long` counters.
        #[repr(C)]
        struct Rusage {
            user: Timeval,
            system: Timeval,
            counters: [c_long; 14],
        }

        unsafe extern "C" {
            fn clock_gettime(clock: c_int, now: *mut Timespec) -> c_int;
            fn getrusage(who: c_int, usage: *mut Rusage) -> c_int;
        }

        pub fn clock(clock: c_int) -> Option<Duration> {
            let mut now = Timespec { tv_sec: 0, tv_nsec: 0 };
            // SAFETY: `now` is a valid, writable `struct timespec` for this
            // target, and `clock_gettime` writes only to it.
            let status = unsafe { clock_gettime(clock, &mut now) };
            if status != 0 {
                return None;
            }
            Some(Duration::new(u64::try_from(now.tv_sec).ok()?, u32::try_from(now.tv_nsec).ok()?))
        }

        pub fn children() -> Option<Duration> {
            let zero = || Timeval { tv_sec: 0, tv_usec: 0 };
            let mut usage = Rusage { user: zero(), system: zero(), counters: [0; 14] };
            // SAFETY: `usage` is a valid, writable `struct rusage` for this
            // target, and `getrusage` writes only to it.
            let status = unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) };
            if status != 0 {
                return None;
            }
            let time = |t: &Timeval| {
                Some(
                    Duration::from_secs(u64::try_from(t.tv_sec).ok()?)
                        + Duration::from_micros(u64::try_from(t.tv_usec).ok()?),
                )
            };
            Some(time(&usage.user)? + time(&usage.system)?)
        }
    }

    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    mod imp {
        use std::time::Duration;

        pub const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
        pub const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

        pub fn clock(_clock: i32) -> Option<Duration> {
            None
        }

        pub fn children() -> Option<Duration> {
            None
        }
    }
}
