"""Storage: the data directory, the encrypted database and its schema, the audit log, backups."""
