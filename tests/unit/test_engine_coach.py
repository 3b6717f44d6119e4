"""What the coach's second reading of the plan found, one runner each (issue 11).

Each test is a runner the coach met and the line of the plan that was wrong for them: the end
of a return, an illness, a pain that eased, a tenfold week, a marathon, a sore morning with no
check-in after it, the first jog after six weeks off, two hard sessions in one morning, and a
sign of sore mornings in a row that did not say how to lift it.
"""

from __future__ import annotations

from datetime import date, timedelta

from plan_states import MON, TUE, WED, after, easy_base, no_rest_days, run, state

from planner.core.engine import build_plan
from planner.core.model import Checkin, DayPlan, Plan, State
from planner.core.wording import day_label


def plan(st: State, today: date, days: int = 1, name: str = "standard") -> Plan:
    return build_plan(st, no_rest_days(name), today, days=days)


def said(d: DayPlan) -> str:
    return " ".join(d.reasons)


# ---- a return builds back to the usual run before quality ----------------------------------


def test_after_a_limp_the_runs_build_back_to_the_usual_one_before_any_quality() -> None:
    """A 7-day return used to end on a 22-minute jog and offer 86 minutes at RPE 9 the day
    after. Now the runs grow week by week (50%, 60%, 72%, 86% of 45 min) and quality waits
    until they are back to 45 minutes: 28 days in the standard plan."""
    checkins = [Checkin(MON, 1, red_flags=("limp",)), Checkin(TUE, 1, answered_no=("limp",))]
    p = plan(state(easy_base(MON), checkins, age=40), TUE, days=40)
    weeks = [p.days[7 * w].run.max_minutes for w in range(4)]
    assert weeks == [22, 27, 32, 38], weeks
    assert "7 days after the lift, then until your runs are back to your usual 45 min" in said(
        p.days[0]
    )
    assert all(d.day_type == "easy" and "Return after a limp" in said(d) for d in p.days[:28])
    # Day 29 is the usual run again, and the return is over (the base rule, of logged runs,
    # is what holds quality back now: the runner has logged nothing since).
    assert p.days[28].run.max_minutes == 45 and "Return after" not in said(p.days[28])


def back_to_usual(p: Plan) -> date:
    return next(d.date for d in p.days if "Return after" not in said(d))


def test_the_conservative_return_is_never_shorter_nor_its_runs_longer() -> None:
    checkins = [Checkin(MON, 1, red_flags=("limp",)), Checkin(TUE, 1, answered_no=("limp",))]
    st = state(easy_base(MON), checkins, age=40)
    standard, conservative = plan(st, TUE, 60), plan(st, TUE, 60, "conservative")
    assert back_to_usual(conservative) > back_to_usual(standard)
    for s, c in zip(standard.days, conservative.days, strict=True):
        if c.date < back_to_usual(conservative):
            assert c.run.max_minutes is not None and s.run.max_minutes is not None
            assert c.run.max_minutes <= s.run.max_minutes, c.date


def test_an_illness_keeps_its_lift_day_and_the_two_days_after_it_easy() -> None:
    """Lifted on Wednesday: Wednesday, Thursday and Friday easy, runs of the usual length (an
    illness has nothing to build up, and its return is not 'week 1' of anything)."""
    checkins = [Checkin(MON, 1, red_flags=("illness",)), Checkin(WED, 1, answered_no=("illness",))]
    p = plan(state(easy_base(MON), checkins, age=40), WED, days=4)
    assert [d.day_type for d in p.days] == ["easy", "easy", "easy", "quality_ok"]
    assert f"until {day_label(after(WED, 2))}" in said(p.days[0])
    assert "week 1" not in said(p.days[0]) and p.days[0].run.max_minutes == 45


# ---- cautions quote what holds them ----------------------------------------------------------


def test_a_pain_caution_quotes_the_pain_that_set_it_not_a_lower_one_since() -> None:
    checkins = [Checkin(MON, 1, pain=7), Checkin(TUE, 1, pain=4)]
    d = plan(state(easy_base(MON), checkins, age=40), TUE).days[0]
    assert d.day_type == "easy"
    assert "Pain 7/10 at the check-in of Mon 23 Nov (above 5); 4/10 at the latest" in said(d)
    assert "Pain 4/10" not in said(d)


def test_yesterdays_sore_morning_with_no_check_in_allows_no_more_than_that_morning() -> None:
    checkins = [Checkin(MON, 6, areas=("calves",))]
    st = state(easy_base(MON), checkins, age=40)
    sore_morning = plan(st, MON).days[0]
    next_morning = plan(st, TUE).days[0]
    assert sore_morning.day_type == "active_recovery"
    assert next_morning.day_type == "easy" and "no check-in since" in said(next_morning)
    assert next_morning.run.max_minutes == 30 and "30 min at most" in said(next_morning)


def test_a_sign_of_sore_mornings_in_a_row_says_how_to_lift_it() -> None:
    checkins = [Checkin(after(TUE, -k), 4) for k in range(8, -1, -1)]
    d = plan(state(easy_base(after(TUE, -8)), checkins, age=40), TUE).days[0]
    assert d.day_type == "see_clinician"
    assert "planner checkin --no-flag pain_over_7_days" in said(d)


# ---- spikes -----------------------------------------------------------------------------------


def tenfold_week(today: date) -> State:
    """Two 3 km runs a week for four weeks, then 10 km every day for a week (to today)."""
    runs = [run(after(today, -7 * w - k), 18, 4, km=3.0) for w in range(1, 5) for k in (1, 4)]
    runs += [run(after(today, -k), 60, 4, km=10.0, id=f"big{k}") for k in range(0, 7)]
    return state(runs, age=40)


def test_a_tenfold_week_keeps_its_easy_cap_and_no_quality_on_every_projected_day() -> None:
    """Measured on logged runs alone, the days ahead used to see the spike's week slide into
    the baseline: the cap climbed from 18 to 33 minutes and quality came back in eight days,
    on paper, with no run logged."""
    p = plan(tenfold_week(WED), WED, days=14)
    ahead = p.days[1:]
    assert all(d.day_type != "quality_ok" for d in p.days)
    assert {d.run.max_minutes for d in ahead} == {18}, [d.run.max_minutes for d in ahead]
    assert all("No quality on the days the plan projects" in said(d) for d in ahead)


def test_no_spike_line_says_no_quality_until_the_day_it_is_printed_on() -> None:
    for today in (WED, after(WED, 1), after(WED, 2)):
        for d in plan(tenfold_week(WED), today, days=14).days:
            assert f"until {day_label(d.date)}" not in said(d), (today, d.date, said(d))


def test_todays_spike_line_says_the_ratio_leaves_out_todays_runs() -> None:
    d = plan(tenfold_week(WED), WED).days[0]
    assert "acute:chronic load ratio" in said(d) and "today's runs count from tomorrow" in said(d)


def test_a_marathon_is_recovered_from_not_quoted_as_a_load_spike() -> None:
    runs = [run(after(TUE, -k), 60, 4, km=10.0) for k in range(2, 36) if k % 7 not in (0, 3)]
    runs.append(run(TUE, 215, 9, "race", km=42.2))
    p = plan(state(runs, age=45), TUE, days=6)
    recovering = [d for d in p.days[1:] if d.day_type == "race_recovery"]
    assert recovering, [d.day_type for d in p.days]
    for d in recovering:
        assert "Load spike" not in said(d), said(d)
        assert d.run.max_minutes is not None and d.run.max_minutes <= 20


# ---- back after six weeks off -----------------------------------------------------------------


def six_weeks_off_then_a_jog(today: date) -> State:
    gap_start = today - timedelta(days=43)
    runs = [run(gap_start - timedelta(days=2 * i)) for i in range(12)]
    return state([*runs, run(today, 20, 3)], age=40)


def test_the_first_jog_after_six_weeks_off_is_a_return_not_a_spike() -> None:
    p = plan(six_weeks_off_then_a_jog(TUE), TUE, days=14)
    assert not any("Load spike" in said(d) for d in p.days)
    # It builds back to the usual 45 min from before the break, not to today's 20.
    assert "your usual 45 min" in said(p.days[1]) and p.days[1].run.max_minutes == 22
    assert not any("plan's default" in said(d) for d in p.days)


def test_a_spent_return_week_says_what_is_left_and_when_the_next_starts() -> None:
    p = plan(six_weeks_off_then_a_jog(TUE), TUE, days=10)
    rest = [d for d in p.days if d.day_type == "rest"]
    assert rest, [d.day_type for d in p.days]
    for d in rest:
        assert "min are left of this return week's minutes, less than a" in said(d), said(d)
        assert "week's minutes are run" not in said(d)


# ---- two hard sessions this morning -----------------------------------------------------------


def test_two_hard_sessions_today_are_two_and_spacing_runs_from_the_second() -> None:
    base = easy_base(after(TUE, -1))
    # Run ids sort intervals first; the fold keeps the order they were logged in.
    morning = [run(TUE, 40, 8, "intervals", id="a"), run(TUE, 35, 7, "tempo", id="b")]
    p = plan(state([*base, *morning], age=40), TUE, days=2)
    today, tomorrow = p.days
    assert "Today's 2 hard sessions are done (intervals, 40 min and tempo, 35 min)" in said(today)
    assert not today.run.allowed and today.run.done_minutes == 75
    assert "Last hard session (tempo" in said(tomorrow)


def test_years_off_after_a_thin_log_build_from_the_default_run_not_a_two_minute_week() -> None:
    """One 12-minute jog in the month before a four-year break, then a 51-minute run: the
    weekly budget was 3 minutes, 0 left, and the plan said rest."""
    runs = [run(after(TUE, -1560), 12.5, 4), run(after(TUE, -1), 51, None, None)]
    d = plan(state(runs, age=39), TUE).days[0]
    assert d.day_type == "easy" and d.run.max_minutes == 20
    assert "too few to know your week" in said(d) and "40-minute easy run" in said(d)
