"""The runner's world as plain, immutable values: runs, profile, check-ins, plans.

The store folds event files into a `State`; the engine turns a `State` and a plan file
into `DayPlan`s. Nothing here reads a file or the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

DayType = Literal["rest", "active_recovery", "easy", "quality_ok", "race_recovery", "see_clinician"]
DAY_TYPES: tuple[DayType, ...] = (
    "rest",
    "active_recovery",
    "easy",
    "quality_ok",
    "race_recovery",
    "see_clinician",
)

ItemKind = Literal[
    "hydration",
    "stretching",
    "yoga",
    "foam_rolling",
    "meal",
    "warm_up",
    "ice_bath",
    "active_recovery",
    "fuel",
]
# Every day carries at least one item of each of these kinds (DESIGN.md).
DAILY_KINDS: tuple[ItemKind, ...] = ("hydration", "stretching", "yoga", "foam_rolling", "meal")

RUN_TYPES: tuple[str, ...] = ("easy", "long", "tempo", "intervals", "race", "recovery")
UNITS: tuple[str, ...] = ("metric", "imperial")
SEXES: tuple[str, ...] = ("f", "m", "x")


@dataclass(frozen=True)
class Run:
    """One run, as logged by hand or summarised from an imported file (never a GPS track)."""

    id: str
    date: date  # the runner's local day the run belongs to
    distance_m: float
    moving_s: int
    elapsed_s: int
    start: datetime | None = None  # time-zone aware when known
    rpe: float | None = None  # CR-10 scale, 1-10
    rpe_estimated: bool = False
    type: str | None = None  # one of RUN_TYPES, or None when unknown
    sport: str = "running"
    source: str = "manual"
    avg_hr: int | None = None
    max_hr: int | None = None
    trimp: float | None = None
    note: str = ""
    import_id: str | None = None
    temp_c: float | None = None  # air temperature during the run, for the sweat estimate
    elevation_gain_m: float | None = None  # from an imported file
    elevation_loss_m: float | None = None
    source_hash: str | None = None  # sha256 of the imported file's content
    # Fluid drunk on the run, and scale weights before and after it: the post-run fluid
    # replaces what was actually lost (fluid.py). Newer fields: older readers ignore them.
    drank_ml: float | None = None
    weight_before_kg: float | None = None
    weight_after_kg: float | None = None

    @property
    def minutes(self) -> float:
        return self.moving_s / 60.0


@dataclass(frozen=True)
class Profile:
    """The runner's settings; every field may be unset and the plan still works."""

    birth_date: date | None = None
    age: int | None = None  # used when no birth date: the age on `age_as_of`
    age_as_of: date | None = None
    sex: str | None = None  # f, m, x
    weight_kg: float | None = None
    units: str = "metric"
    hr_max: int | None = None
    hr_rest: int | None = None
    years_running: float | None = None
    tz: str | None = None  # IANA zone, e.g. Europe/Berlin
    day_starts: int = (
        3  # the hour the runner's day begins; a tick at 00:30 counts for the day before
    )
    plan: str = "standard"
    ice_bath: bool = False
    hr_unreliable: bool = False  # beta-blockers, a bad strap: ignore heart rate
    temp_c: float | None = None  # usual air temperature, when a run does not give one
    plan_sha: str | None = None  # sha256 of the chosen user plan file (None: built-in)
    inbox: str | None = None  # a folder whose new activity files are imported at start

    @property
    def is_set(self) -> bool:
        """True once the runner has told us at least their age."""
        return self.birth_date is not None or self.age is not None

    def age_on(self, day: date) -> int | None:
        """Whole years of age on `day`, from the birth date or from the age given on a date."""
        if self.birth_date is not None:
            b = self.birth_date
            return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
        if self.age is not None:
            if self.age_as_of is None:
                return self.age
            a = self.age_as_of
            return self.age + day.year - a.year - ((day.month, day.day) < (a.month, a.day))
        return None


@dataclass(frozen=True)
class Checkin:
    """The morning check-in of one day."""

    date: date
    soreness: int | None  # 0-10; None when the morning only rated runs
    areas: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()  # ids of the red-flag questions answered "yes"
    # ids answered "no": they end a sign in force, except a sign only a clinician may lift
    answered_no: tuple[str, ...] = ()
    pain: int | None = None  # 0-10, pain during yesterday's run
    run_rpe: Mapping[str, float] = field(default_factory=dict)  # run id -> RPE given at check-in
    cleared: tuple[str, ...] = ()  # ids "a clinician has seen me and cleared me to run"
    sleep_hours: float | None = None  # last night's sleep
    given_ms: int | None = None  # when the last answers were given (Unix ms, from the event)

    @property
    def answered(self) -> bool:
        """True when the morning questions were answered (not only runs rated)."""
        return self.soreness is not None


@dataclass(frozen=True)
class Race:
    """An upcoming race the runner has entered."""

    id: str
    date: date
    distance_m: float
    name: str = ""


# (day, item id) -> ids of the live `check` events, sorted; the item is done while there are any.
# A tuple, not a frozenset: ten years hold ~25,000, mostly of one id (48 bytes, not 216).
Ticks = Mapping[tuple[date, str], tuple[str, ...]]


@dataclass(frozen=True)
class State:
    """Everything the event files say, folded: the same event set gives the same State."""

    profile: Profile = field(default_factory=Profile)
    runs: tuple[Run, ...] = ()  # sorted by (date, start, id)
    checks: Ticks = field(default_factory=dict)
    checkins: Mapping[date, Checkin] = field(default_factory=dict)
    races: tuple[Race, ...] = ()
    event_count: int = 0
    # Run ids the events hold but `runs` does not show, with why: "undone" (their import was
    # undone), "deleted" (by the runner) or "merged" (a copy of another source's run). An
    # import needs them: a file whose run was deleted or merged is not new.
    withheld_runs: frozenset[tuple[str, str]] = frozenset()

    def is_done(self, day: date, item_id: str) -> bool:
        return bool(self.checks.get((day, item_id)))


# ---- the plan: what the engine produces -------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to tick off on a day, with its dose, its reason and its source."""

    id: str  # stable across days: "hydration", "meal:recovery", ...
    kind: ItemKind
    title: str
    detail: str
    doses: Mapping[str, float] = field(default_factory=dict)
    why: str = ""
    source: str = ""
    when: str = "any"  # before_run | after_run | with_meals | evening | any: for grouping
    done: bool = False
    withheld: bool = False
    brief: str = ""  # the dose in a few words, for one line: "~950 ml · 550 mg sodium"
    # What the dose assumes because the runner has not said it ({"weight_kg": 70.0}), and the
    # sentences at the end of `detail` that say so (a screen says them once for the day).
    assumes: Mapping[str, float] = field(default_factory=dict)
    assumes_text: str = ""


@dataclass(frozen=True)
class RunGuidance:
    allowed: bool
    max_minutes: int | None
    max_rpe: int | None
    intensity_cap: float  # 0-1, fraction of the quality load a runner under 35 would get
    done_minutes: int | None = None  # today's run is done: the minutes logged today


@dataclass(frozen=True)
class DayPlan:
    date: date
    projected: bool
    day_type: DayType
    run: RunGuidance
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...]
    checkin: Checkin | None = None  # what was answered that morning (None on projected days)

    @property
    def see_clinician(self) -> bool:
        return self.day_type == "see_clinician"


@dataclass(frozen=True)
class LoadSummary:
    acute: float
    chronic: float
    acwr: float | None
    fitness: float
    fatigue: float
    form: float
    monotony: float | None = None  # None before 7 days of history or when every day is alike
    strain: float | None = None
    rest_days_to_fresh: int = 0  # rest days until form is back to 0
    # the last 7 days' load over the last 28 days' weekly mean (Gabbett's rolling ratio),
    # shown beside the EWMA `acwr`; None when `acwr` is
    acwr_rolling: float | None = None
    # form averaged over the week before today, for the overreaching rule (not in the JSON)
    week_form: float | None = None


@dataclass(frozen=True)
class Plan:
    date_generated: date
    age: int | None
    age_group: str | None
    load: LoadSummary
    days: tuple[DayPlan, ...]
