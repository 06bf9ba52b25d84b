"""The main window and the screens around the work: first run, unlock, home, settings, staff."""
