//! Fuzz target `render`: see `fuzz/README.md` and `bout_fuzz::render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bout_fuzz::fuzz_bytes(data, bout_fuzz::render));
