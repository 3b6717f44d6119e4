"""An imperial runner reads doses, weights and temperatures in fl oz, lb, °F; JSON stays metric."""

from __future__ import annotations

import json
import re

from clitools import Cli

from planner.core.wording import in_units

METRIC = re.compile(r"\d ?(ml|kg|°C)\b")


def test_an_imperial_runner_reads_fl_oz_lb_and_f(cli: Cli) -> None:
    assert cli("profile", "set", "--age", "45", "--weight-lb", "160", "--units", "imperial")[0] == 0
    assert cli("log", "--distance", "6mi", "--duration", "55:00", "--rpe", "4")[0] == 0
    code, out, _ = cli("today")
    assert code == 0
    assert not METRIC.search(out), METRIC.findall(out)
    assert "fl oz" in out and "160 lb" in out and "°F" in out
    code, out, _ = cli("plan", "--days", "3", "--full")
    assert code == 0 and not METRIC.search(out)
    code, out, _ = cli("today", "--json")
    day = json.loads(out)["days"][0]
    details = " ".join(item.get("detail", "") for item in day["checklist"])
    assert re.search(r"\d ml", details)  # the JSON contract is metric


def test_metric_text_is_left_as_it_is_and_ranges_and_signs_convert() -> None:
    text = "about 400-800 ml an hour at -5 °C, 61 kg, 1.5 L; 30-60 g carbs, 4-6 h"
    assert in_units(text, "metric") == text
    assert in_units(text, "imperial") == (
        "about 14-27 fl oz an hour at 23 °F, 134 lb, 51 fl oz; 30-60 g carbs, 4-6 h"
    )


def test_the_profile_form_shows_an_imperial_runners_usual_temperature_in_f() -> None:
    from datetime import date

    from planner.core.model import Profile
    from planner.core.units import parse_temperature
    from planner.tui.profile_form import profile_form

    day = date(2026, 11, 28)
    shown = profile_form(Profile(temp_c=14.0, units="imperial"), day)["temp_c"]
    assert shown == "57 °F" and abs(parse_temperature(shown) - 14.0) < 0.2
    assert profile_form(Profile(temp_c=14.0), day)["temp_c"] == "14"
