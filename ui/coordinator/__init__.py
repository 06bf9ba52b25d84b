"""The coordinator's screens: import, escalation queue, dashboard, reports."""
