"""The line under a form that says, in the service's words, why a value was refused."""

from __future__ import annotations

from textual.widgets import Static


def sentence(message: str) -> str:
    """'distance 10: …' -> 'Distance 10: …', but a host or a path keeps its own spelling."""
    first = message.split(" ", 1)[0]
    if any(mark in first for mark in "./:@~\\"):
        return message
    return message[:1].upper() + message[1:]


class FormError(Static):
    """Hidden until there is something to say."""

    DEFAULT_CSS = """
    FormError { display: none; }
    FormError.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="form-error", markup=False)

    def say(self, message: str) -> None:
        self.update(sentence(message))
        self.add_class("-shown")

    def clear(self) -> None:
        self.update("")
        self.remove_class("-shown")
