//! `bout call` (being built).
