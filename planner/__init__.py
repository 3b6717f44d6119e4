"""planner: a terminal-first daily recovery planner for runners."""

__version__ = "0.1.0"
