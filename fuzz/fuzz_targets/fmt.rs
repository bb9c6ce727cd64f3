//! Fuzz target `fmt`: see `fuzz/README.md` and `bout_fuzz::fmt`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bout_fuzz::fuzz_bytes(data, bout_fuzz::fmt));
