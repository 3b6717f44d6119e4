"""Messages that cross screens: posted up to the App, which decides what to show next."""

from __future__ import annotations

from textual.message import Message


class ProfileSaved(Message):
    """The runner finished onboarding; the App moves on to Today."""


class PlanShown(Message):
    """A screen read fresh state from the service; the App shows any new notices it raised."""
