"""Level 3 — Concurrency & Traps."""
