"""Every kind of event, one frozen dataclass each: a field name is spelled here and only here.

The dataclass's field order is the order its table is written in (codec.py), which is the
order the release before this module wrote them in, so a file written for the same answers
is the same bytes. `None` means "not said" and is not written (TOML has no null).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from planner.core.model import Run


@dataclass(frozen=True, slots=True)
class Check:
    """A checklist item ticked on a day."""

    KIND: ClassVar[str] = "check"
    date: date
    item: str


@dataclass(frozen=True, slots=True)
class Uncheck:
    """An item unticked: it names the `check` events it removes, so a tick made on another
    machine meanwhile (a check with another id) survives the merge."""

    KIND: ClassVar[str] = "uncheck"
    date: date | None  # None only in a foreign file: the ids are then looked for everywhere
    item: str | None
    removes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RunLogged:
    """A run, logged by hand or imported; the first event with a run id wins."""

    KIND: ClassVar[str] = "run"
    id: str
    date: date
    distance_m: float
    moving_s: int
    elapsed_s: int | None = None  # None: the same as moving_s
    rpe_estimated: bool | None = None
    sport: str | None = None
    source: str | None = None
    note: str | None = None
    rpe: float | None = None
    type: str | None = None
    avg_hr: int | None = None
    temp_c: float | None = None
    drank_ml: float | None = None
    weight_before_kg: float | None = None
    weight_after_kg: float | None = None
    start: datetime | None = None
    max_hr: int | None = None
    trimp: float | None = None
    elevation_gain_m: float | None = None
    elevation_loss_m: float | None = None
    source_hash: str | None = None
    import_id: str | None = None

    def run(self) -> Run:
        """The run this event says, with the model's defaults for what it leaves unsaid."""
        said = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if getattr(self, f.name) is not None
        }
        said.setdefault("elapsed_s", self.moving_s)
        return Run(**said)


@dataclass(frozen=True, slots=True)
class RunEdited:
    """Fields of a logged run changed (a rating, a type); `unset` puts fields back to default."""

    KIND: ClassVar[str] = "run_edit"
    run_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)  # RunLogged field -> value
    unset: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunDeleted:
    """One run deleted, or (with `import_id`) every run of one import undone."""

    KIND: ClassVar[str] = "run_delete"
    run_id: str | None = None
    import_id: str | None = None


@dataclass(frozen=True, slots=True)
class CheckinGiven:
    """A morning's answers: soreness, sore areas, warning signs, ratings of unrated runs."""

    KIND: ClassVar[str] = "checkin"
    date: date
    soreness: int | None = None  # None: a morning that only rated runs or recorded a clearance
    areas: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    answered_no: tuple[str, ...] = ()
    run_rpe: Mapping[str, float] = field(default_factory=dict)
    cleared: tuple[str, ...] = ()
    pain: int | None = None
    sleep_hours: float | None = None

    @classmethod
    def of(cls, answers: Mapping[str, Any]) -> CheckinGiven:
        """From the validated fields core/checkin.py gives (lists where the event has tuples)."""
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()
        }
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """Profile fields set (each last-writer-wins on its own) and cleared (`unset`)."""

    KIND: ClassVar[str] = "profile"
    birth_date: date | None = None
    age: int | None = None
    age_as_of: date | None = None
    sex: str | None = None
    weight_kg: float | None = None
    units: str | None = None
    hr_max: int | None = None
    hr_rest: int | None = None
    years_running: float | None = None
    tz: str | None = None
    day_starts: int | None = None
    plan: str | None = None  # written by releases before PlanChosen; read, never written
    ice_bath: bool | None = None
    hr_unreliable: bool | None = None
    temp_c: float | None = None
    plan_sha: str | None = None
    inbox: str | None = None
    unset: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ProfileSet:
        """From validated fields where None means "clear this field" (runner_input's form)."""
        given = {k: v for k, v in values.items() if v is not None and k != "unset"}
        cleared = {k for k, v in values.items() if v is None}
        unset = sorted({*values.get("unset", ()), *cleared})
        return cls(**given, unset=tuple(unset))

    def values(self) -> dict[str, Any]:
        """The fields this event sets (not the ones it clears)."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name != "unset" and getattr(self, f.name) is not None
        }


@dataclass(frozen=True, slots=True)
class PlanChosen:
    """A plan chosen by name; for the runner's own plan file, its content hash too."""

    KIND: ClassVar[str] = "plan_choice"
    name: str
    sha: str | None = None


@dataclass(frozen=True, slots=True)
class RaceEntered:
    """A race the runner has entered (or its date or distance changed: same id, later wins)."""

    KIND: ClassVar[str] = "race"
    id: str
    date: date
    distance_m: float
    name: str = ""


@dataclass(frozen=True, slots=True)
class RaceRemoved:
    KIND: ClassVar[str] = "race_delete"
    id: str


@dataclass(frozen=True, slots=True)
class Foreign:
    """An event this release cannot use: a kind from a newer release, or a known kind whose
    required fields are missing or of the wrong type. Kept (it was synced, it is counted),
    never applied."""

    kind: str
    data: Mapping[str, Any]
    problem: str = ""


Known = (
    Check
    | Uncheck
    | RunLogged
    | RunEdited
    | RunDeleted
    | CheckinGiven
    | ProfileSet
    | PlanChosen
    | RaceEntered
    | RaceRemoved
)
Event = Known | Foreign

KNOWN: tuple[type[Known], ...] = (
    Check,
    Uncheck,
    RunLogged,
    RunEdited,
    RunDeleted,
    CheckinGiven,
    ProfileSet,
    PlanChosen,
    RaceEntered,
    RaceRemoved,
)


@dataclass(frozen=True, slots=True)
class Recorded:
    """An event as the log holds it: who wrote it, when (the hybrid clock), under which id."""

    id: str
    hlc: str
    device: str
    event: Event

    @property
    def kind(self) -> str:
        return self.event.kind if isinstance(self.event, Foreign) else self.event.KIND

    @property
    def data(self) -> dict[str, Any]:
        """The table the event is written as (for tools and tests; the fold reads `event`)."""
        from planner.events.codec import encode

        return encode(self.event)[1]

    @property
    def stamp(self) -> tuple[str, str]:
        """(hlc, id): the total order every machine applies events in."""
        return (self.hlc, self.id)
