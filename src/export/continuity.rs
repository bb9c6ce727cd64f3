//! `bout continuity` (being built).
