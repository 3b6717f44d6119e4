"""The terminal UI: an App over the service, its screens, widgets and style sheet."""
