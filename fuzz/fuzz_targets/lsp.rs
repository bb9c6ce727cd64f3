//! Fuzz target `lsp`: see `fuzz/README.md` and `bout_fuzz::lsp`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bout_fuzz::fuzz_bytes(data, bout_fuzz::lsp));
