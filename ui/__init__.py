"""The PySide6 front end of svdesk. Talks to the core only through `svdesk`'s public API."""
