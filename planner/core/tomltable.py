"""Typed reads from a TOML table that knows its path, so every refusal names file and key."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any, NoReturn, TypeVar

from planner.core.errors import DataError
from planner.core.rules import Cited

_T = TypeVar("_T")


def _type_name(value: Any) -> str:
    names: list[tuple[type, str]] = [
        (bool, "true/false"),
        (int, "a whole number"),
        (float, "a number"),
        (str, "a string"),
        (list, "a list"),
        (dict, "a table"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ]
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)


class Table:
    """Typed reads from one TOML table; every read key is remembered so typos are refused."""

    def __init__(self, data: Mapping[str, Any], path: str, source: str) -> None:
        self.data = data
        self.path = path
        self.source = source
        self.used: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        raise DataError(f"{self.source}: {self.where(key)}: {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, expected: str, ok: Callable[[Any], bool]) -> Any:
        if key not in self.data:
            self.fail(key, "missing")
        value = self.data[key]
        if not ok(value):
            self.fail(key, f"expected {expected}, got {_type_name(value)} ({value!r})")
        self.used.add(key)
        return value

    def number(self, key: str, low: float | None = None, high: float | None = None) -> float:
        value = float(self._get(key, "a number", _is_number))
        self._bounds(key, value, low, high)
        return value

    def integer(self, key: str, low: int | None = None, high: int | None = None) -> int:
        value = int(self._get(key, "a whole number", _is_integer))
        self._bounds(key, value, low, high)
        return value

    def _bounds(self, key: str, value: float, low: float | None, high: float | None) -> None:
        if low is not None and value < low:
            self.fail(key, f"{value:g} is below {low:g}")
        if high is not None and value > high:
            self.fail(key, f"{value:g} is above {high:g}")

    def text(self, key: str, choices: tuple[str, ...] = ()) -> str:
        value = str(self._get(key, "a string", lambda v: isinstance(v, str)))
        if not value.strip():
            self.fail(key, "empty")
        if choices and value not in choices:
            self.fail(key, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(self._get(key, "a list of strings", _is_text_list))

    def numbers(self, key: str, low: float, high: float) -> tuple[float, ...]:
        values = self._get(key, "a non-empty list of numbers", _is_number_list)
        for value in values:
            self._bounds(key, float(value), low, high)
        return tuple(float(v) for v in values)

    def boolean(self, key: str) -> bool:
        return bool(self._get(key, "true or false", lambda v: isinstance(v, bool)))

    def table(self, key: str) -> Table:
        value = self._get(key, "a table", lambda v: isinstance(v, dict))
        return Table(value, self.where(key), self.source)

    def tables(self, key: str) -> list[Table]:
        rows = self._get(key, "a non-empty list of tables ([[...]])", _is_table_list)
        return [Table(row, f"{self.where(key)}[{i}]", self.source) for i, row in enumerate(rows, 1)]

    def cited(self) -> Cited:
        return Cited(reason=self.text("reason"), source=self.text("source"))

    def close(self) -> None:
        """Refuse keys nobody read: a misspelt key must not be silently ignored."""
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            self.fail(unknown[0], "unknown key")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _is_number_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_number(x) for x in value)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def closed(t: Table, value: _T) -> _T:
    """Refuse unread keys of `t`, then hand back what was read from it."""
    t.close()
    return value
