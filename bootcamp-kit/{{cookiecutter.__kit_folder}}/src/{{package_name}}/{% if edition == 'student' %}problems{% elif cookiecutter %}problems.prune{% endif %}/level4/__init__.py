"""Level 4 — Framework-Ready."""
