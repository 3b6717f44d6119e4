"""The baseline: a bare Textual app that paints one screen and exits (bench/run.py)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Today: easy run, 40 min. Hydrate, stretch, foam roll.")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    Bare().run()
