"""Plan files written before a release: what each release added, and how a file without it loads.

A runner's own plan file is a copy of a built-in plan as it was on the day they made it. When a
release adds a section or a key, that copy lacks it. Refusing it would lock the runner out of
their plan; a lenient default would give looser advice than the built-in plan. So a section or
key that a release added, when absent, is taken from a built-in plan (the one the file's
`plan.name` names, else the default one), and the plan says so in one line (`upgrade_note`).
Only absence is tolerated: a key present with a wrong value is refused by the parsers exactly
as before, part of an added section is still "missing", and so is any key no release added.

RELEASES below is the one list of what each release added. Add a release's keys there.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, NamedTuple

from planner.core.rules import PlanRules, Upgrade


class AddedKey(NamedTuple):
    section: str  # dotted for a table inside a table: "checklist.ice_bath"
    key: str
    # A key of the same section the filled value must not exceed. For pain.settled_at, lower
    # is stricter (the pain must settle further), and the file's own lower reduce_above keeps
    # the rule settled_at <= reduce_above true instead of refusing a key the runner never wrote.
    at_most: str | None = None


class Tightened(NamedTuple):
    """Values a release made stricter in a built-in plan, as they were before it.

    A file that predates the release and still holds all of `before` in that table was copied
    from the built-in plan and never changed them: it takes the built-in's current values, or it
    would keep a rule the release replaced (RULES.md: "The 8-runs rule replaces the older ...").
    A value the runner changed is theirs and stays. List only changes that made a plan stricter.
    """

    builtin: str
    table: str  # dotted: "base"; a list of tables ("age_table.row") is narrowed by `where`
    before: Mapping[str, Any]
    where: Mapping[str, Any] = {}  # picks one table of a list, in the file and the built-in


@dataclass(frozen=True)
class Release:
    """What one release added to the plan files; `label` is said to the runner."""

    label: str
    sections: tuple[str, ...] = ()  # whole top-level tables
    keys: tuple[AddedKey, ...] = ()  # keys added to tables that were there before
    flag_keys: tuple[str, ...] = ()  # keys added to every [[red_flags.flag]]
    flags: tuple[str, ...] = ()  # whole warning signs added to [[red_flags.flag]]
    tightened: tuple[Tightened, ...] = ()  # built-in values it replaced, for files that predate it


# Every section and key a release added to the plan files, oldest release first.
RELEASES: tuple[Release, ...] = (
    Release(
        label="the warning-sign rules",  # issue 11 (commits 3c1805b, e88968a)
        sections=(
            "cautions",
            "sleep",
            "today_runs",
            "return_to_run",
            "layoff",
            "spikes",
            "red_s",
        ),
        keys=(
            AddedKey("age_table", "unset_years_is_new"),
            AddedKey("pain", "settled_at", at_most="reduce_above"),
        ),
        flag_keys=("name", "lifted_by", "return_days", "bone_stress"),
        flags=("illness",),
        tightened=(
            # "Quality needs at least 8 logged runs in the last 28 days" (10 in conservative)
            # replaced "3 easy runs within 14 days" (6): the two numbers are one rule.
            Tightened("standard", "base", {"min_recent_runs": 3, "lookback_days": 14}),
            Tightened("conservative", "base", {"min_recent_runs": 6, "lookback_days": 14}),
            # "A runner in their first year gets at most one hard session in 7 days at every age".
            *(
                Tightened("standard", "age_table.row", {"hard_max_new_runner": n}, {"min_age": a})
                for a, n in ((0, 3), (35, 2), (45, 2), (55, 2), (65, 2))
            ),
        ),
    ),
    Release(
        label="the session-sizing, fuel and heart-rate rules",  # issue 12
        # Each part of issue 12 adds its own lines here, one block each, so they don't collide.
        sections=(
            # sizing, rest days, race week (engine)
            "sizing",
            "week",
            "overreaching",
            "race_rest",
            "race_week",
            # fuel and checklist doses
            # heart rate
        ),
        keys=(
            # sizing, rest days, race week (engine)
            AddedKey("age_table", "women_factors"),
            # fuel and checklist doses
            AddedKey("checklist.warm_up", "recovery_minutes"),
            AddedKey("checklist.warm_up", "detail_recovery"),
            AddedKey("checklist.meal", "recovery_protein_min_g"),
            AddedKey("checklist.meal", "recovery_protein_min_g_older"),
            *(
                AddedKey("checklist.ice_bath", key)
                for key in (
                    "min_air_temp_c",
                    "older_from_age",
                    "older_water_temp_c",
                    "older_max_minutes",
                    "cold_shock",
                    "cold_air_note",
                )
            ),
            AddedKey("checklist", "fuel"),
            *(
                AddedKey("checklist.hydration", key)
                for key in (
                    "max_ml_per_hour",
                    "replace_hours",
                    "weigh_from_minutes",
                    "usual_temp_days",
                    "warn_loss_percent",
                    "detail_weighed",
                    "detail_gained",
                    "detail_enough",
                    "sodium_note",
                    "drank_note",
                    "rate_note",
                    "weigh_note",
                    "usual_note",
                    "gain_warning",
                    "loss_warning",
                )
            ),
            # heart rate
        ),
    ),
)


def own_flag_defaults(flag_id: str, builtin_flags: list[dict[str, Any]]) -> dict[str, Any]:
    """The added flag keys for a warning sign the built-in plan does not know (the runner's own).

    We know nothing of such a sign, so each default is the safest one of RULES.md "Safety and
    fit", as the engine does for an answer to a question the plan does not know (signs.py):
    - lifted_by "clinician": only `checkin --cleared` lifts it, and a "no" is kept but lifts
      nothing. Wrongly needing a clinician costs an appointment; wrongly letting a runner lift
      a cardiac or structural sign themselves costs running on it. RULES.md lists the signs a
      runner may lift themselves by name, and an unknown sign is not among them.
    - return_days: the longest return of any built-in sign (28 days in the standard plan, the
      bone-stress and structural return): no spacing or base rule shortens it.
    - bone_stress false: it claims the sign is a possible stress fracture and only adds the
      RED-S questions; it never lifts or shortens anything, so false loosens nothing.
    - name: the id in words, as the plan already labels a sign without a name.
    """
    returns = [f["return_days"] for f in builtin_flags if _is_int(f.get("return_days"))]
    return {
        "name": flag_id.replace("_", " "),
        "lifted_by": "clinician",
        "return_days": max(returns, default=28),
        "bone_stress": False,
    }


class Filled(NamedTuple):
    data: dict[str, Any]
    upgrade: Upgrade | None  # None: the file lacked nothing a release added


def fill_from_builtin(data: dict[str, Any], builtins: Mapping[str, Mapping[str, Any]]) -> Filled:
    """`data` with every absent section and key a release added taken from a built-in plan.

    `builtins` maps a built-in plan's name to its parsed TOML, the default plan first; the one
    the file's `plan.name` names is used (a copy of the conservative plan keeps conservative
    numbers, never looser than the standard ones), else the default. A value in `data` is never
    replaced, and `data` itself is not changed.
    """
    plan = data.get("plan")
    named = plan.get("name") if isinstance(plan, dict) else None
    name = named if isinstance(named, str) and named in builtins else next(iter(builtins))
    filled = copy.deepcopy(data)
    releases, own_flags, renewed = _fill(filled, builtins[name], builtins)
    if not releases:
        return Filled(data, None)
    upgrade = Upgrade(tuple(releases), name, tuple(dict.fromkeys(own_flags)), tuple(renewed))
    return Filled(filled, upgrade)


def _fill(
    data: dict[str, Any], builtin: Mapping[str, Any], builtins: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], list[str], list[str]]:
    """Fill `data` in place from `builtin`: the labels of the releases that had something to
    fill, the ids of the runner's own flags that took the safe defaults, and the tables whose
    replaced built-in values were renewed."""
    releases: list[str] = []
    own_flags: list[str] = []
    renewed: list[str] = []
    base_flags = _flag_list(builtin) or []
    by_id = {f.get("id"): f for f in base_flags}
    for release in RELEASES:
        lacked = False
        for section in release.sections:
            if section not in data and section in builtin:
                data[section] = copy.deepcopy(builtin[section])
                lacked = True
        for added in release.keys:
            table = _at(data, added.section)
            if isinstance(table, dict) and added.key not in table:
                lacked = _fill_key(table, added, _at(builtin, added.section)) or lacked
        flags = _flag_list(data)
        for flag in flags or []:
            flag_id = flag.get("id")
            absent = [k for k in release.flag_keys if k not in flag]
            if not absent or not isinstance(flag_id, str):
                continue  # a flag without an id is the parser's to refuse
            known = by_id.get(flag_id)
            if known is None:
                defaults = own_flag_defaults(flag_id, base_flags)
                own_flags.append(flag_id)
            else:
                defaults = known  # bone_stress is optional: a built-in flag without it adds none
            taken = {k: copy.deepcopy(defaults[k]) for k in absent if k in defaults}
            flag.update(taken)
            lacked = lacked or bool(taken)
        if flags is not None:
            ids = {f.get("id") for f in flags}
            for flag_id in release.flags:
                if flag_id not in ids and flag_id in by_id:
                    flags.append(copy.deepcopy(by_id[flag_id]))
                    lacked = True
        if lacked:
            releases.append(release.label)
            renewed += _renew(data, release.tightened, builtins)
    return releases, own_flags, renewed


def _renew(
    data: dict[str, Any],
    tightened: tuple[Tightened, ...],
    builtins: Mapping[str, Mapping[str, Any]],
) -> list[str]:
    """Replace the built-in values a release tightened where the file still holds them all."""
    renewed: list[str] = []
    for change in tightened:
        mine, now = _table(data, change), _table(builtins.get(change.builtin, {}), change)
        if mine is None or now is None:
            continue
        if all(_same(mine.get(k), v) for k, v in change.before.items()) and all(
            _is_number(now.get(k)) for k in change.before
        ):
            mine.update({k: now[k] for k in change.before})
            # The reason and source explain those numbers: an old reason beside new numbers
            # ("fewer than 3 easy runs in the last 14 days") would tell the runner the wrong rule.
            mine.update({k: now[k] for k in ("reason", "source") if k in mine and k in now})
            where = "".join(f"[{k}={v}]" for k, v in change.where.items())
            renewed.append(f"{change.table}{where}")
    return renewed


def _table(data: Mapping[str, Any], change: Tightened) -> dict[str, Any] | None:
    found: Any = data
    for part in change.table.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    if isinstance(found, list):
        rows = [
            row
            for row in found
            if isinstance(row, dict) and all(_same(row.get(k), v) for k, v in change.where.items())
        ]
        found = rows[0] if len(rows) == 1 else None
    return found if isinstance(found, dict) else None


def _at(data: Mapping[str, Any], dotted: str) -> Any:
    """The value at a dotted section name ("checklist.ice_bath"), or None."""
    found: Any = data
    for part in dotted.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


def _same(value: Any, expected: Any) -> bool:
    """Equal and of the same kind (3 is not 3.0 nor true): a value as the built-in wrote it."""
    return type(value) is type(expected) and value == expected


def _fill_key(table: dict[str, Any], added: AddedKey, builtin_table: Any) -> bool:
    if not isinstance(builtin_table, dict) or added.key not in builtin_table:
        return False  # left absent: the parser says "missing"
    value = copy.deepcopy(builtin_table[added.key])
    own = table.get(added.at_most) if added.at_most else None
    if _is_number(own) and _is_number(value) and own < value:
        value = own
    table[added.key] = value
    return True


def _flag_list(data: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The [[red_flags.flag]] tables, or None when they are not a list of tables (the parser
    then refuses them as before)."""
    red_flags = data.get("red_flags")
    flags = red_flags.get("flag") if isinstance(red_flags, dict) else None
    if isinstance(flags, list) and all(isinstance(f, dict) for f in flags):
        return flags
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def upgrade_note(rules: PlanRules) -> str | None:
    """One line for the runner whose plan file predates rules this release added, else None."""
    upgrade = rules.upgrade
    if upgrade is None:
        return None
    what = " and ".join(upgrade.releases)
    note = (
        f"{PurePath(rules.source).name} predates {what}; their numbers come from the "
        f"{upgrade.builtin} plan: planner plan-file show {upgrade.builtin}"
    )
    if upgrade.own_flags:
        ids = ", ".join(upgrade.own_flags)
        note += f"; your own signs ({ids}) only a clinician lifts: planner checkin --cleared ID"
    return note
