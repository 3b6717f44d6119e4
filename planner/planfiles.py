"""Find and read plan files: the built-in ones the app ships, and the runner's own."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import planner
from planner.core.errors import DataError, InputError
from planner.store.atomic import atomic_write, write_private
from planner.store.paths import cache_dir, ensure_private_dir

if TYPE_CHECKING:
    from planner.core.planfile import PlanRules

DEFAULT_PLAN = "standard"
MAX_PLAN_BYTES = 1_000_000  # a plan is a few kB; anything this big is not a plan
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")  # longer is no plan's name (and no file's)
_CONTENT_NAMED = re.compile(r"^(?P<name>.+)-(?P<sha8>[0-9a-f]{8})$")
_NEW_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


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


def load_plan(name: str, data_dir: Path | None = None, sha: str | None = None) -> PlanRules:
    """A built-in plan by name, else the runner's <data>/plans/<name>.toml or <name>-<sha8>.toml.

    With `sha` (the content hash a `plan_choice` recorded) a user plan is exactly that file,
    so every machine plans with the same one.
    """
    path = find_plan(name, data_dir, sha)
    text = _read(path)
    rules = _parsed(text, str(path), _builtins_for(path))
    _check_content(path, rules.sha, sha)
    # The name asked for is the name the service compares with the profile's choice.
    return rules if rules.name == name else dataclasses.replace(rules, name=name)


@dataclass(frozen=True)
class PlanInUse:
    """A plan file by the name asked for and its content hash: what a plan was built from."""

    name: str
    sha: str


def plan_in_use(name: str, data_dir: Path | None = None, sha: str | None = None) -> PlanInUse:
    """The file `load_plan` would read, hashed but not parsed: a plan remembered from an
    earlier start can be shown without importing the plan rules at all."""
    path = find_plan(name, data_dir, sha)
    content = hashlib.sha256(_read(path).encode("utf-8")).hexdigest()
    _check_content(path, content, sha)
    return PlanInUse(name, content)


def _check_content(path: Path, content: str, chosen: str | None) -> None:
    if chosen is not None and path.parent != builtin_plans_dir() and content != chosen:
        raise DataError(f"{path}: its content does not match the plan chosen ({chosen[:8]})")


def find_plan(name: str, data_dir: Path | None = None, sha: str | None = None) -> Path:
    if _NAME.match(name):
        builtin = builtin_plans_dir() / f"{name}.toml"
        if builtin.is_file():
            return builtin
        if data_dir is not None and sha is not None and _SHA.match(sha):
            folder = user_plans_dir(data_dir)
            chosen = folder / f"{name}-{sha[:8]}.toml"
            if chosen.is_file():
                return chosen
            plain = folder / f"{name}.toml"  # a plan file put there by hand, not by plan-file add
            if plain.is_file() and hashlib.sha256(plain.read_bytes()).hexdigest() == sha:
                return plain
            raise DataError(
                f"plan {name!r}: the file chosen, {chosen.name}, is not in {chosen.parent} "
                "(sync it from the machine that added it, or choose another plan: "
                "planner profile set --plan standard)"
            )
        if data_dir is not None:
            found = _user_plan(name, user_plans_dir(data_dir))
            if found is not None:
                return found
    # A name typed (profile set --plan, plan-file show): a mistake of input, not a bad file.
    import difflib

    names = builtin_plan_names()
    near = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {near[0]}? " if near else ""
    builtins = ", ".join(names) or "none found"
    shown = name if len(name) <= 60 else name[:57] + "..."  # a 10 kB name is not echoed whole
    raise InputError(f"plan {shown!r} not found; {hint}built-in plans: {builtins}", field="plan")


@dataclass(frozen=True)
class PlanChoice:
    """Which plan file is meant, everywhere: its name and, for a user plan, its content hash."""

    name: str
    sha: str | None  # None for a built-in plan


def resolve_choice(name: str, data_dir: Path) -> PlanChoice:
    """The plan `profile set --plan NAME` means; `mine-1a2b3c4d` picks one version of `mine`."""
    path = find_plan(name, data_dir)
    if path.parent == builtin_plans_dir():
        return PlanChoice(name, None)
    text = _read(path)
    from planner.core.planfile import parse_plan

    rules = parse_plan(text, str(path), builtin_texts())  # refuse a broken file before choosing it
    match = _CONTENT_NAMED.match(path.stem)
    base = match.group("name") if match and match.group("name") != "" else path.stem
    return PlanChoice(base, rules.sha)


@dataclass(frozen=True)
class InstalledPlan:
    name: str
    sha: str
    path: Path
    new: bool  # False when the same file was already there
    rules: PlanRules | None = None  # as checked (its `upgrade` says what it took from a built-in)

    @property
    def note(self) -> str | None:
        """The one line to say when the file predates rules a release added (planupgrade.py)."""
        from planner.core.planupgrade import upgrade_note

        return upgrade_note(self.rules) if self.rules is not None else None


def install_plan(source: Path, data_dir: Path, name: str | None = None) -> InstalledPlan:
    """Check a plan file and copy it to <data>/plans/<name>-<sha8>.toml (0600), named by content."""
    try:
        found = source.is_file()
    except OSError as exc:  # a name too long, a loop of links
        raise InputError(f"plan file {str(source)!r}: {exc.strerror or exc}") from None
    if not found:
        raise InputError(f"plan file {str(source)!r}: not found")
    text = _read(source)
    from planner.core.planfile import parse_plan

    rules = parse_plan(text, str(source), builtin_texts())
    name = name if name is not None else rules.name
    if not _NEW_NAME.match(name) or _CONTENT_NAMED.match(name):
        raise InputError(
            f"plan name {name!r}: use 1-40 lower-case letters, digits, - and _, not ending in "
            "-<8 hex digits> (give --name NAME)"
        )
    if name in builtin_plan_names():
        raise InputError(
            f"plan name {name!r} is a built-in plan's; give yours its own name with --name "
            "(or change plan.name in the file)"
        )
    folder = ensure_private_dir(user_plans_dir(data_dir))
    target = folder / f"{name}-{rules.sha[:8]}.toml"
    data = text.encode("utf-8")
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == rules.sha:
        return InstalledPlan(name, rules.sha, target, new=False, rules=rules)
    atomic_write(target, data)
    return InstalledPlan(name, rules.sha, target, new=True, rules=rules)


def plan_text(name: str, data_dir: Path | None = None) -> str:
    """A plan file's text as it is on disk, to read or to copy and change."""
    return _read(find_plan(name, data_dir))


def user_plan_files(data_dir: Path) -> list[Path]:
    folder = user_plans_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


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


def builtin_texts() -> dict[str, str]:
    """The built-in plans' texts by name, the default first: what a runner's own plan file
    that predates a release takes the sections and keys it lacks from (core/planupgrade.py)."""
    return {name: _read(builtin_plans_dir() / f"{name}.toml") for name in builtin_plan_names()}


def _builtins_for(path: Path) -> dict[str, str] | None:
    """None for a built-in plan (it must be complete as shipped), else `builtin_texts()`."""
    return None if path.parent == builtin_plans_dir() else builtin_texts()


def _parsed(text: str, source: str, builtins: dict[str, str] | None = None) -> PlanRules:
    """parse_plan, remembered in the cache dir by content: a start need not parse TOML again."""
    # Imported here: a start that finds its plan remembered needs no plan rules at all.
    from planner.core.planfile import PlanRules, parse_plan

    # surrogateescape: a data dir's path may hold bytes that are not UTF-8. The built-in plans
    # are in the key: a file that takes absent sections from them changes when they do.
    filled_from = "\0".join(f"{n}\0{t}" for n, t in (builtins or {}).items())
    raw = f"{code_stamp()}\0{source}\0{text}\0{filled_from}".encode("utf-8", "surrogateescape")
    key = hashlib.sha256(raw).hexdigest()[:24]
    try:
        path = cache_dir() / "plans" / f"{key}.pickle"
    except DataError:
        return parse_plan(text, source, builtins)  # no cache dir to be had: parse every time
    try:
        cached = pickle.loads(path.read_bytes())
        if isinstance(cached, PlanRules):
            return cached
    except Exception:
        pass
    rules = parse_plan(text, source, builtins)  # raises for a bad file: nothing is cached
    with contextlib.suppress(Exception):
        ensure_private_dir(path.parent)
        write_private(path, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
    return rules


def code_stamp() -> str:
    """The app version plus the size and mtime of every module of the core (where plan files
    are parsed, and PlanRules defined): a parsed plan kept by other code (an upgrade, a
    developer's edit) is never trusted."""
    core = Path(planner.__file__).resolve().parent / "core"
    parts = [planner.__version__]
    with os.scandir(core) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
