//! `bout sides` (being built).
