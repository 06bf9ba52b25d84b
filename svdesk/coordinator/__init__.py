"""The coordinator's use cases: import, escalation queue, dashboard figures, reports."""
