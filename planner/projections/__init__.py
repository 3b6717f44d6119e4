"""What the events become: the runner's State (state.py), a pure fold of the event log."""
