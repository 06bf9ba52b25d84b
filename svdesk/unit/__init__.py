"""The unit workstation's use cases: conversations, records, follow-ups, escalations, export."""
