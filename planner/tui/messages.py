"""Messages that cross screens: screens post them up to the App; it sends `DataChanged` down."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from planner.sync.run import SyncProgress


class ProfileSaved(Message):
    """The runner finished onboarding; the App moves on to Today."""


class PlanShown(Message):
    """A screen read fresh state from the service; the App shows any new notices it raised."""


class DataSaved(Message):
    """A screen wrote to the data dir (a run, a profile, a race); every open screen re-reads."""


class DataChanged(Message):
    """Sent by the App to each open screen: the data changed, re-read it and keep the cursor."""


class DayChosen(Message):
    """The runner picked a day elsewhere (on Week); the App shows it on Today."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day


class SyncRequested(Message):
    """The runner asked to sync with `target`; the App runs it, so closing the dialog is safe."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target


class SyncProgressed(Message):
    """Posted to the App from the sync's thread; it passes it on to the Sync dialog."""

    def __init__(self, progress: SyncProgress) -> None:
        super().__init__()
        self.progress = progress
