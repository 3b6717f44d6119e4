"""The morning check-in: every warning sign, the injuries areas point to, and its answers."""

from __future__ import annotations

from datetime import date

import pytest
from plan_states import MON, THU, TUE, WED, after, easy_base, no_rest_days, plan_rules, run, state

from planner.core.checkin import AREAS, RED_FLAG_IDS, CheckinAnswers, checkin_data
from planner.core.engine import build_plan
from planner.core.errors import InputError
from planner.core.model import Checkin, DayPlan, Plan, State


def plan(st: State, today: date, days: int = 1, start: date | None = None) -> Plan:
    return build_plan(st, no_rest_days(), today, start=start, days=days)


def on(checkins: list[Checkin], age: int = 30) -> State:
    return state(easy_base(MON), checkins, age=age)


def said(d: DayPlan) -> str:
    return " ".join(d.reasons)


# ---- red flags -----------------------------------------------------------------------------

NO_RUN_FIRST = {"limp", "run_pain_over_5"}  # no running at once; a clinician from day 3
NO_RUN_ONLY = {"illness"}  # no running while it stands; no clinician of its own
URGENT = {"chest_pain", "fainting", "unusual_breathlessness", "dark_urine"}
# RULES.md, "Warning signs: who may lift them": a "no" to one of these lifts nothing.
CLINICIAN_LIFTS = {
    "chest_pain", "fainting", "unusual_breathlessness", "dark_urine", "hopping_pain",
    "cannot_bear_weight", "pop", "swelling", "numbness",
}  # fmt: skip


@pytest.mark.parametrize("flag", RED_FLAG_IDS)
def test_every_warning_sign_means_no_run_until_it_is_lifted(flag: str) -> None:
    st = on([Checkin(MON, 1, red_flags=(flag,)), Checkin(THU, 1, answered_no=(flag,))])
    p = plan(st, THU, days=4, start=MON)
    lifted_by_no = flag not in CLINICIAN_LIFTS
    assert [d.run.allowed for d in p.days] == [False, False, False, lifted_by_no]
    if flag in NO_RUN_ONLY:
        expected = ["rest"] * 3
    elif flag in NO_RUN_FIRST:
        expected = ["rest", "rest", "see_clinician"]
    else:
        expected = ["see_clinician"] * 3
    assert [d.day_type for d in p.days[:3]] == expected
    assert any(w.startswith("Urgent: ") for w in p.days[0].warnings) == (flag in URGENT)
    advice = plan_rules().red_flags.get(flag)
    assert advice is not None and advice.advice.rstrip(".") in said(p.days[0])
    assert advice.needs_clinician == (flag in CLINICIAN_LIFTS)
    if not lifted_by_no:
        assert f"planner checkin --cleared {flag}" in said(p.days[3])


@pytest.mark.parametrize("flag", sorted(CLINICIAN_LIFTS))
def test_a_clinicians_clearance_lifts_a_sign_and_starts_its_return(flag: str) -> None:
    sign = plan_rules().red_flags.get(flag)
    assert sign is not None
    st = on([Checkin(MON, 1, red_flags=(flag,)), Checkin(THU, 1, cleared=(flag,))])
    p = plan(st, THU, days=sign.return_days + 2)
    returning = p.days[: sign.return_days]
    assert all(d.run.allowed and d.day_type != "quality_ok" for d in returning)
    assert all(d.run.max_minutes is not None for d in returning)
    # Week 1: half the usual 45-minute run.
    assert all((d.run.max_minutes or 0) <= 22 for d in returning[:7])
    assert "lifted by a clinician" in said(p.days[0])
    assert sign.return_days in {7, 14, 28}


def test_return_periods_are_28_14_and_7_days_by_kind() -> None:
    days = {f.id: f.return_days for f in plan_rules().red_flags.flags}
    assert {days[f] for f in ("hopping_pain", "cannot_bear_weight", "pop", "swelling")} == {28}
    assert {days[f] for f in URGENT} == {14}
    assert days["limp"] == days["numbness"] == 7 and days["illness"] == 2


def test_illness_lifts_into_two_easy_days() -> None:
    st = on([Checkin(MON, 1, red_flags=("illness",)), Checkin(WED, 1, answered_no=("illness",))])
    p = plan(st, WED, days=4)
    # The lift day and the 2 days after it (RULES.md: no quality for 2 days after it lifts).
    assert [d.day_type for d in p.days[:3]] == ["easy", "easy", "easy"]
    assert "Return after an illness" in said(p.days[0]) and "until Fri 27 Nov" in said(p.days[0])
    # Nothing to build up after an illness: easy runs of the usual length, then quality.
    assert p.days[0].run.max_minutes == 45 and "week 1" not in said(p.days[0])
    assert p.days[3].day_type == "quality_ok"


def test_a_bone_stress_sign_in_a_woman_asks_about_periods_and_eating() -> None:
    rules = plan_rules()
    checkin = Checkin(TUE, 2, red_flags=("hopping_pain",), areas=("shins",))
    woman = plan(state(easy_base(MON), [checkin], age=30, sex="f"), TUE).days[0]
    man = plan(state(easy_base(MON), [checkin], age=30, sex="m"), TUE).days[0]
    assert rules.red_s.advice in said(woman) and "RED-S" in said(woman)
    assert "periods" in said(woman) and "RED-S" not in said(man)


def test_sleep_under_six_hours_keeps_quality_off_today_only() -> None:
    short = plan(on([Checkin(TUE, 1, sleep_hours=5.5)]), TUE, days=2).days
    assert short[0].day_type == "easy" and "5.5 h of sleep last night" in said(short[0])
    assert short[1].day_type == "quality_ok"
    enough = plan(on([Checkin(TUE, 1, sleep_hours=6)]), TUE).days[0]
    assert enough.day_type == "quality_ok"


def test_a_warning_sign_holds_on_the_days_after_until_a_check_in_answers_no() -> None:
    st = on([Checkin(MON, 1, red_flags=("night_pain",)), Checkin(TUE, 0)])
    assert [d.day_type for d in plan(st, TUE, days=5, start=MON).days] == ["see_clinician"] * 5


# ---- injuries the areas and flags point to ------------------------------------------------


@pytest.mark.parametrize(
    ("areas", "flags", "guide", "day_type"),
    [
        (("shins",), ("hopping_pain",), "possible stress fracture", "see_clinician"),
        (("shins",), ("night_pain",), "possible stress fracture", "see_clinician"),
        (("shins",), (), "shin splints", "easy"),
        (("feet",), ("numbness",), "heel pain to check", "see_clinician"),
        (("feet",), (), "plantar fasciitis", "easy"),
        (("knees",), ("swelling",), "swollen knee", "see_clinician"),
        (("knees",), (), "runner's knee", "easy"),
        (("achilles",), ("pop",), "possible Achilles rupture", "see_clinician"),
        (("achilles",), ("pain_over_7_days",), "Achilles to check", "see_clinician"),
        (("achilles",), (), "sore Achilles", "easy"),
    ],
)
def test_areas_and_flags_point_to_one_injury(
    areas: tuple[str, ...], flags: tuple[str, ...], guide: str, day_type: str
) -> None:
    d = plan(on([Checkin(TUE, 2, areas=areas, red_flags=flags)]), TUE).days[0]
    assert d.day_type == day_type
    assert f"Points to {guide}: " in said(d)
    if day_type == "easy":
        assert d.run.max_minutes == 30  # reduce the load: an easy run of 30 min at most


def test_shin_splints_and_a_stress_fracture_are_told_apart() -> None:
    splints = plan(on([Checkin(TUE, 3, areas=("shins",))]), TUE).days[0]
    fracture = plan(on([Checkin(TUE, 3, areas=("shins",), red_flags=("hopping_pain",))]), TUE)
    assert "Points to shin splints" in said(splints) and splints.run.allowed
    assert "stress fracture" not in said(splints)
    assert "shin splints" not in said(fracture.days[0]) and not fracture.days[0].run.allowed


def test_an_achilles_pop_is_urgent() -> None:
    d = plan(on([Checkin(TUE, 2, areas=("achilles",), red_flags=("pop",))]), TUE).days[0]
    assert any(w.startswith("Urgent: A sudden pop at the back of the ankle") for w in d.warnings)


def test_sore_calves_point_to_nothing_and_quality_stays() -> None:
    d = plan(on([Checkin(TUE, 2, areas=("calves", "hamstrings"))]), TUE, days=3).days
    assert d[0].day_type == "quality_ok" and "Points to" not in said(d[0])


def test_an_area_guide_holds_until_a_check_in_no_longer_names_it() -> None:
    sore = plan(on([Checkin(MON, 2, areas=("knees",))]), TUE, days=4, start=MON).days
    assert all("Points to runner's knee" in said(d) for d in sore)
    assert all(d.day_type != "quality_ok" for d in sore)
    assert "holds until a check-in no longer names it" in said(sore[1])
    gone = on([Checkin(MON, 2, areas=("knees",)), Checkin(TUE, 1)])
    assert "Points to" not in said(plan(gone, TUE).days[0])
    flagged = on([Checkin(MON, 2, areas=("knees",), red_flags=("swelling",)), Checkin(TUE, 1)])
    days = plan(flagged, TUE, days=3, start=MON).days
    assert all("Points to swollen knee" in said(d) for d in days)


def test_on_a_limp_rest_day_risky_items_are_withheld_too() -> None:
    d = plan(on([Checkin(TUE, 2, red_flags=("limp",))]), TUE).days[0]
    assert d.day_type == "rest"
    withheld = {i.id for i in d.checklist if i.withheld}
    assert withheld == {"stretching", "foam_rolling", "yoga"}


def test_soreness_past_seven_days_is_the_pain_over_7_days_sign() -> None:
    checkins = [Checkin(after(TUE, -i), 4, areas=("quads",)) for i in range(8)]
    d = plan(on(checkins), TUE).days[0]
    assert d.day_type == "see_clinician"
    assert "Pain lasting more than a week despite rest is not muscle soreness" in said(d)
    lifted = [*checkins, Checkin(WED, 4, answered_no=("pain_over_7_days",))]
    again = plan(on(lifted), WED, days=2).days
    assert again[0].run.allowed and "Return after pain lasting over 7 days" in said(again[0])


# ---- the answers as typed ------------------------------------------------------------------


def answers(**given: object) -> CheckinAnswers:
    return CheckinAnswers(**{"soreness": "3", **given})  # type: ignore[arg-type]


def data(a: CheckinAnswers, previous: Checkin | None = None) -> dict[str, object]:
    runs = [run(MON, 40, None, id="r-unrated"), run(TUE, 40, 5, id="r-rated")]
    return checkin_data(a, today=WED, flag_ids=RED_FLAG_IDS, runs=runs, previous=previous)


def test_a_check_in_as_typed() -> None:
    got = data(
        answers(
            areas=["shins,Knees", "hip-flexors"],
            flags=["limp"],
            no_flags=["pop,swelling"],
            pain="6",
            rates=["r-unrated=5"],
        )
    )
    assert got == {
        "date": WED,
        "soreness": 3,
        "areas": ["shins", "knees", "hip_flexors"],
        "red_flags": ["limp"],
        "answered_no": ["pop", "swelling"],
        "run_rpe": {"r-unrated": 5.0},
        "pain": 6,
    }


def test_a_second_check_in_the_same_day_adds_to_the_first() -> None:
    first = Checkin(WED, 4, ("shins",), ("limp", "pop"), ("numbness",), 6, {"r-unrated": 5.0})
    got = data(answers(soreness="2", no_flags=["pop"]), previous=first)
    assert got["red_flags"] == ["limp"] and got["answered_no"] == ["numbness", "pop"]
    assert (got["areas"], got["pain"], got["run_rpe"]) == (["shins"], 6, {"r-unrated": 5.0})
    yesterday = Checkin(TUE, 4, ("shins",), ("limp",))
    assert data(answers(), previous=yesterday)["red_flags"] == []


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"soreness": "11"}, "soreness 11: must be from 0 to 10"),
        ({"soreness": "sore"}, "soreness 'sore': give a whole number from 0 to 10"),
        ({"areas": ["elbow"]}, "area 'elbow': unknown; use one of calves"),
        ({"flags": ["sore_toe"]}, "flag 'sore_toe': unknown"),
        ({"flags": ["pop"], "no_flags": ["pop"]}, "flag 'pop': answered both yes"),
        ({"pain": "-1"}, "pain -1: must be from 0 to 10"),
        ({"rates": ["r-unrated"]}, "rate 'r-unrated': use RUN_ID=RPE"),
        ({"rates": ["r-none=4"]}, "rate 'r-none': no run with that id"),
        ({"rates": ["r-rated=4"]}, "rate 'r-rated': that run already has an effort rating"),
        ({"rates": ["r-unrated=0"]}, "RPE of r-unrated 0: must be from 1 to 10"),
        ({"day": after(WED, 1)}, "after today; a check-in is a morning's answers"),
    ],
)
def test_bad_answers_are_refused_naming_the_field(given: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        data(answers(**given))
    assert message in caught.value.message


def test_the_areas_are_the_issues_list() -> None:
    assert AREAS == ("calves", "hamstrings", "quads", "glutes", "hip_flexors", "shins", "knees",
                     "feet", "achilles", "back")  # fmt: skip
