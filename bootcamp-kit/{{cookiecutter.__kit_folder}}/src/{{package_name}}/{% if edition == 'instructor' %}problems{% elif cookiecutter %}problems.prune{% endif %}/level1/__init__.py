"""Level 1 — Foundations."""
