"""Find and read plan files: the built-in ones the app ships, and the runner's own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import planner
from planner.core.errors import DataError
from planner.core.planfile import PlanRules, parse_plan

DEFAULT_PLAN = "standard"
MAX_PLAN_BYTES = 1_000_000  # a plan is a few kB; anything this big is not a plan
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTENT_NAMED = re.compile(r"^(?P<name>.+)-(?P<sha8>[0-9a-f]{8})$")


def builtin_plans_dir() -> Path:
    """plans/ inside the installed package (the wheel ships it), else the source checkout's."""
    installed = Path(planner.__file__).parent / "plans"
    if installed.is_dir():
        return installed
    return Path(planner.__file__).resolve().parent.parent / "plans"


def builtin_plan_names() -> list[str]:
    """The built-in plans, the default first."""
    folder = builtin_plans_dir()
    names = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
    return sorted(names, key=lambda name: name != DEFAULT_PLAN)


def user_plans_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "plans"


def load_plan(name: str, data_dir: Path | None = None) -> PlanRules:
    """A built-in plan by name, else the runner's <data>/plans/<name>.toml or <name>-<sha8>.toml."""
    path = find_plan(name, data_dir)
    rules = parse_plan(_read(path), str(path))
    # The name asked for is the name the service compares with the profile's choice.
    return rules if rules.name == name else dataclasses.replace(rules, name=name)


def find_plan(name: str, data_dir: Path | None = None) -> Path:
    if _NAME.match(name):
        builtin = builtin_plans_dir() / f"{name}.toml"
        if builtin.is_file():
            return builtin
        if data_dir is not None:
            found = _user_plan(name, user_plans_dir(data_dir))
            if found is not None:
                return found
    builtins = ", ".join(builtin_plan_names()) or "none found"
    raise DataError(f"plan {name!r} not found; built-in plans: {builtins}")


def _user_plan(name: str, folder: Path) -> Path | None:
    exact = folder / f"{name}.toml"
    if exact.is_file():
        return exact
    if not folder.is_dir():
        return None
    # Plan files are named by content, so an edit synced from elsewhere adds a file beside the old.
    variants = sorted(
        p
        for p in folder.glob(f"{name}-*.toml")
        if not p.name.startswith(".") and _is_variant(p.stem, name)
    )
    if len(variants) > 1:
        names = ", ".join(p.stem for p in variants)
        raise DataError(f"plan {name!r} is ambiguous: {names}; choose one by its full name")
    return variants[0] if variants else None


def _is_variant(stem: str, name: str) -> bool:
    match = _CONTENT_NAMED.match(stem)
    return match is not None and match.group("name") == name


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_PLAN_BYTES:
        raise DataError(f"{path}: larger than {MAX_PLAN_BYTES} bytes; not a plan file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
