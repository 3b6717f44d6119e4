"""A plan file's recovery rules as typed values: every number beside its reason and source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from planner.core.model import ItemKind

if TYPE_CHECKING:  # fitrules.py imports Cited from here
    from planner.core.fitrules import (
        OverreachingRule,
        RaceRestRule,
        RaceWeekRule,
        SizingRule,
        WeekRule,
    )

Consequence = Literal["urgent", "clinician", "no_run"]
CONSEQUENCES: tuple[Consequence, ...] = ("urgent", "clinician", "no_run")
# Who may lift a warning sign: the runner's own "no" at a check-in, or only a clinician.
LiftedBy = Literal["checkin", "clinician"]
LIFTED_BY: tuple[LiftedBy, ...] = ("checkin", "clinician")
Smoothing = Literal["runalyze", "goldencheetah"]
SMOOTHINGS: tuple[Smoothing, ...] = ("runalyze", "goldencheetah")
# The profile's sexes a rule may name ("unset" for a profile without one).
SEXES_FOR_RULES: tuple[str, ...] = ("f", "m", "x", "unset")
WHEN: tuple[str, ...] = ("before_run", "after_run", "with_meals", "evening", "any")


@dataclass(frozen=True)
class Cited:
    """Why a rule says what it says, in plain words, and where that comes from (with its tier)."""

    reason: str = ""
    source: str = ""


@dataclass(frozen=True)
class AgeRow:
    """One row of the age table: it applies from `min_age` up to the next row's `min_age`."""

    min_age: int
    anchor_age: float  # the age at which `factor` and `quality_cap` hold exactly
    factor: float
    quality_cap: float
    hard_max: int
    hard_max_new_runner: int
    hard_window_days: int
    easy_days_between: int
    race_multiplier: float
    race_extra_days_10k: int
    race_extra_days_marathon: int


@dataclass(frozen=True)
class AgeTable:
    rows: tuple[AgeRow, ...]
    interpolate: bool
    unknown_age: int
    new_runner_years: float
    unset_years_is_new: bool  # years running not set: held to the first-year limits
    cited: Cited
    # One per row, never above the row's factor: women's age-grading factors are lower than
    # men's from 50 on. Sex x or unset takes these, the lower of the two.
    women_factors: tuple[float, ...] = ()


@dataclass(frozen=True)
class HardSessionRule:
    min_rpe: float
    types: tuple[str, ...]
    over_minutes: float
    cited: Cited


@dataclass(frozen=True)
class SpacingRule:
    min_hours_between_hard: float
    cited: Cited


@dataclass(frozen=True)
class BaseRule:
    min_recent_runs: int
    lookback_days: int
    cited: Cited


@dataclass(frozen=True)
class EasyRule:
    max_rpe: int
    default_minutes: int
    shortest_minutes: int
    lookback_days: int
    cited: Cited


@dataclass(frozen=True)
class QualityRule:
    max_minutes: int
    max_rpe: int
    cited: Cited


@dataclass(frozen=True)
class SorenessRule:
    threshold: int
    max_minutes: int
    max_rpe: int
    intensity_multiplier: float
    doms_days: int
    cited: Cited


@dataclass(frozen=True)
class PainRule:
    reduce_above: int
    max_minutes: int
    clinician_after: int
    settled_at: int  # a check-in reporting pain at or below this ends a pain caution
    cited: Cited


@dataclass(frozen=True)
class CautionRule:
    """Cautions that outlast their morning: until a check-in says they have settled."""

    carry_over_days: int  # sore this many mornings ago and no check-in since: easy only
    cited: Cited


@dataclass(frozen=True)
class SleepRule:
    min_hours_for_quality: float
    cited: Cited


@dataclass(frozen=True)
class TodayRule:
    """What a run logged today does to today: a hard one closes it, minutes come off."""

    cited: Cited


def building_share(first_week: float, increase: float, week: int) -> float:
    """A return's share of the usual run in `week` (1, 2, ...): growing, never above 1."""
    return min(first_week * (1 + increase) ** (week - 1), 1.0)


@dataclass(frozen=True)
class ReturnRule:
    """After a warning sign lifts: easy only, shorter runs at first, building up week by week."""

    first_week_share: float  # of the runner's usual run length
    weekly_increase: float  # each later week may be this much longer than the week before
    cited: Cited

    def share_in_week(self, week: int) -> float:
        return building_share(self.first_week_share, self.weekly_increase, week)


@dataclass(frozen=True)
class LayoffRule:
    """After `min_gap_days` or more without a run: return mode, easy only, a weekly budget."""

    min_gap_days: int
    easy_days_min: int
    easy_days_max: int
    gap_share: float  # easy-only days: this share of the gap, within the min and max
    first_week_share: float  # of the weekly minutes before the gap
    weekly_increase: float
    cited: Cited

    def share_in_week(self, week: int) -> float:
        return building_share(self.first_week_share, self.weekly_increase, week)


@dataclass(frozen=True)
class SpikeRule:
    """A jump in weekly distance or an acute:chronic ratio at the danger line blocks quality."""

    distance_rise: float  # more than this over the mean week of the weeks before
    compare_weeks: int
    block_days: int  # the spike's day and the days after it, in all
    cited: Cited


@dataclass(frozen=True)
class RedSRule:
    """A bone-stress sign in a woman: ask about periods and eating, point to a RED-S check."""

    sexes: tuple[str, ...]
    advice: str
    cited: Cited


@dataclass(frozen=True)
class RaceRecoveryRule:
    rest_days: int
    rest_from_km: float
    intensity_multiplier: float
    cited: Cited


@dataclass(frozen=True)
class TrimpConstants:
    """Banister TRIMP weighting and the heart-rate defaults used when the runner has set none."""

    men_a: float = 0.64
    men_b: float = 1.92
    women_a: float = 0.86
    women_b: float = 1.67
    hr_max_intercept: float = 208.0
    hr_max_slope: float = 0.7
    hr_rest_default: int = 60
    cited: Cited = field(default_factory=Cited)


@dataclass(frozen=True)
class PaceRules:
    """RPE of an unrated run from its pace against the runner's recent rated easy runs."""

    lookback_days: int = 42
    min_runs: int = 3
    reference_max_rpe: float = 4.0
    rpe_per_speed: float = 15.0  # RPE points per unit of speed ratio (20% faster: +3)
    cited: Cited = field(default_factory=Cited)


@dataclass(frozen=True)
class MonotonyRules:
    """Foster's monotony (mean / SD of the last `days` daily loads) and strain."""

    days: int = 7
    flag_above: float = 2.0
    cited: Cited = field(default_factory=Cited)


@dataclass(frozen=True)
class DistanceRules:
    """Weekly distance against the week before (Nielsen 2014)."""

    window_days: int = 7
    increase_limit: float = 0.30
    cited: Cited = field(default_factory=Cited)


@dataclass(frozen=True)
class LoadRules:
    """Load constants. The defaults equal plans/standard.toml (a test holds them together)."""

    fitness_days: int = 42
    fatigue_days: int = 7
    smoothing: Smoothing = "runalyze"
    acute_days: int = 7
    chronic_days: int = 28
    acwr_min_history_days: int = 28
    acwr_sweet_low: float = 0.8
    acwr_sweet_high: float = 1.3
    acwr_danger: float = 1.5
    default_rpe: float = 4.0
    rpe_per_trimp_minute: float = 2.5
    spike_cap_multiplier: float = 0.8
    trimp: TrimpConstants = field(default_factory=TrimpConstants)
    pace: PaceRules = field(default_factory=PaceRules)
    monotony: MonotonyRules = field(default_factory=MonotonyRules)
    distance: DistanceRules = field(default_factory=DistanceRules)
    cited: Cited = field(default_factory=Cited)


DEFAULT_LOAD = LoadRules()


@dataclass(frozen=True)
class RedFlag:
    """A check-in question whose "yes" stops the plan until a later check-in answers it "no"."""

    id: str
    question: str
    consequence: Consequence
    advice: str
    name: str = ""  # a few words for reasons: "pain on hopping"
    clinician_after_days: int | None = None  # a `no_run` flag in force this long: see a clinician
    lifted_by: LiftedBy = "checkin"  # "clinician": a "no" is kept and shown but does not lift it
    return_days: int = 7  # easy-only days after it lifts (the return period)
    # Runs start at a share of the usual length and build up, with no quality until they are
    # back to it; False (an illness): the return days are easy runs of the usual length.
    build_up: bool = True
    bone_stress: bool = False  # a possible bone stress injury: a woman is also asked about RED-S

    @property
    def needs_clinician(self) -> bool:
        return self.lifted_by == "clinician"

    @property
    def label(self) -> str:
        return self.name or self.id.replace("_", " ")


@dataclass(frozen=True)
class RedFlagRules:
    flags: tuple[RedFlag, ...]
    cited: Cited

    def get(self, flag_id: str) -> RedFlag | None:
        return next((f for f in self.flags if f.id == flag_id), None)


@dataclass(frozen=True)
class InjuryGuide:
    """Guidance for one injury the check-in's areas and answers point to.

    With `flags`, it applies while one of them is in force and one of `areas` was reported;
    without, it applies to a day whose check-in names one of `areas` and no red flag is in force.
    """

    id: str
    name: str
    areas: tuple[str, ...]
    flags: tuple[str, ...]
    urgent: bool
    advice: str
    source: str


@dataclass(frozen=True)
class InjuryRules:
    guides: tuple[InjuryGuide, ...]
    reduce_max_minutes: int  # a guide without flags: at most an easy run this long
    cited: Cited


@dataclass(frozen=True)
class TaperRule:
    """Before a race the runner entered: shorter runs, intensity kept, no new hard session."""

    days_short: int
    days_long: int
    long_from_km: float
    volume_share: float
    no_hard_days: int
    default_pace_min_per_km: float  # to project a race's minutes without recent runs
    cited: Cited

    def days_for(self, distance_m: float) -> int:
        return self.days_long if distance_m >= self.long_from_km * 1000 else self.days_short


@dataclass(frozen=True)
class ReverseTaperRule:
    """After a long race: runs at a share of their usual length, week by week."""

    from_km: float
    weekly_shares: tuple[float, ...]
    cited: Cited


@dataclass(frozen=True)
class ItemTemplate:
    """The words and numbers of one checklist item; `texts` hold `detail` and its variants."""

    id: str
    kind: ItemKind
    title: str
    when: str
    when_no_run: str
    texts: Mapping[str, str]
    numbers: Mapping[str, float]
    why: str
    source: str


@dataclass(frozen=True)
class ChecklistRules:
    default_weight_kg: float
    weight_note: str  # "{weight_kg}" is filled in
    items: Mapping[str, ItemTemplate]  # by item id


@dataclass(frozen=True)
class Upgrade:
    """What a plan file written before a release took from a built-in plan (planupgrade.py)."""

    releases: tuple[str, ...]  # what the file predates, in words: "the warning-sign rules"
    builtin: str  # the built-in plan the absent sections and keys came from
    own_flags: tuple[str, ...] = ()  # the runner's own warning signs, given the safe defaults
    renewed: tuple[str, ...] = ()  # tables whose replaced built-in values took today's


@dataclass(frozen=True)
class PlanRules:
    """Everything a plan file says; `sha` is the sha256 of the file's bytes."""

    name: str
    sha: str
    title: str
    description: str
    source: str  # where it was read from, for messages
    age: AgeTable
    hard_session: HardSessionRule
    spacing: SpacingRule
    base: BaseRule
    easy: EasyRule
    quality: QualityRule
    soreness: SorenessRule
    pain: PainRule
    race_recovery: RaceRecoveryRule
    cautions: CautionRule
    sleep: SleepRule
    today_runs: TodayRule
    return_to_run: ReturnRule
    layoff: LayoffRule
    spikes: SpikeRule
    red_s: RedSRule
    load: LoadRules
    red_flags: RedFlagRules
    checklist: ChecklistRules
    taper: TaperRule
    reverse_taper: ReverseTaperRule
    injuries: InjuryRules
    sizing: SizingRule
    week: WeekRule
    overreaching: OverreachingRule
    race_rest: RaceRestRule
    race_week: RaceWeekRule
    upgrade: Upgrade | None = None  # set when the file predates keys a release added
