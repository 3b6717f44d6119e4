"""The store: the event log of a data dir (event files, the hybrid clock, appends, reading what
is new), and what a log needs on disk (atomic writes, private folders, a device id)."""
