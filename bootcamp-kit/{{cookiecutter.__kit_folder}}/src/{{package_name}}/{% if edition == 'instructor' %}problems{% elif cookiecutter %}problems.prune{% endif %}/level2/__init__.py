"""Level 2 — Backend-Oriented."""
