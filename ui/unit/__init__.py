"""The unit workstation's screens: conversation, record, crisis, queues, directory, export."""
