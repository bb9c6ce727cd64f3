//! What the benches share: a counting allocator for peak-heap figures.

// Each bench uses only part of it.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The allocator `bout` runs with (mimalloc, see `src/main.rs`), counting
/// the bytes in use and their peak, so timings are the binary's.
pub struct Counting;

pub static IN_USE: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to mimalloc unchanged; the
// counters are only arithmetic on the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growth may copy into a new block before freeing the old: count
        // both at the peak, as the allocator may hold both (mimalloc does
        // for a large block), so a vector that grows by reallocating is not
        // measured as cheaper than one copied by hand.
        if new_size > layout.size() {
            PEAK.fetch_max(IN_USE.load(Ordering::Relaxed) + new_size, Ordering::Relaxed);
        }
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Runs `work` once; its time and the peak heap above what was in use
/// before it (the input itself is already allocated, so not counted).
pub fn measure(work: impl FnOnce()) -> (f64, usize) {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    work();
    let seconds = start.elapsed().as_secs_f64();
    (seconds, PEAK.load(Ordering::Relaxed) - base)
}
