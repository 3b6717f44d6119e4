"""The store: event files on disk, the hybrid clock, and the fold into a State."""
