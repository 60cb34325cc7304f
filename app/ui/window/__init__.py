"""The main window and what keeps it going: start-up, the composition of the rooms, menus and
actions, loading documents, the saved session and settings, the source watcher, crash safety."""
