"""Access to a store: creating, opening and unlocking a workstation, sessions, passphrases."""
