"""The project's own error type: its message is what the user reads."""


class PlannerError(Exception):
    """A user-facing problem: bad input, a bad file, an unreachable host.

    The message is one line, names the file or field at fault, and is shown as is;
    `exit_code` is what the CLI returns for it.
    """

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0])


class InputError(PlannerError):
    """A value the user typed is invalid (exit 2).

    `field` names what was typed wrong ("distance", "sleep hours", "weight before"), so a form
    marks that field from the error itself, never from the words of the message.
    """

    exit_code = 2

    def __init__(
        self, message: str, exit_code: int | None = None, *, field: str | None = None
    ) -> None:
        super().__init__(message, exit_code)
        self.field = field


class DataError(PlannerError):
    """A file in the data dir or a plan file is unreadable or invalid (exit 3)."""

    exit_code = 3
