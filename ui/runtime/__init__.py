"""The GUI's runtime: application set-up, background work, garbage collection, idle lock, errors."""
