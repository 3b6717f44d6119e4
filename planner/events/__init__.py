"""The events a data dir is made of: one typed kind each (kinds.py), one codec (codec.py)."""

from planner.events.codec import decode, encode
from planner.events.kinds import (
    KNOWN,
    Check,
    CheckinGiven,
    Event,
    Foreign,
    Known,
    PlanChosen,
    ProfileSet,
    RaceEntered,
    RaceRemoved,
    Recorded,
    RunDeleted,
    RunEdited,
    RunLogged,
    Uncheck,
)

__all__ = [
    "KNOWN",
    "Check",
    "CheckinGiven",
    "Event",
    "Foreign",
    "Known",
    "PlanChosen",
    "ProfileSet",
    "RaceEntered",
    "RaceRemoved",
    "Recorded",
    "RunDeleted",
    "RunEdited",
    "RunLogged",
    "Uncheck",
    "decode",
    "encode",
]
