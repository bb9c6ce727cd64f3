//! Fuzz target `import_fdx`: see `fuzz/README.md` and `bout_fuzz::import_fdx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bout_fuzz::fuzz_bytes(data, bout_fuzz::import_fdx));
