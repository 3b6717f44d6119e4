"""The screens of the TUI: Today, onboarding and the key help."""
