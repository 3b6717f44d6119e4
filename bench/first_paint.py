"""Start the app as `planner` does, paint Today once, then exit: the start-up bench/run.py times.

    python bench/first_paint.py [--ready] [--data DIR] [--today YYYY-MM-DD]

The options (and $PLANNER_DATA, $PLANNER_TODAY) are read, and the Planner opened, by planner's
own CLI code. --ready then unpacks what the app unpacks just after its first paint, for the
steady-state memory figure.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from planner.cli import open_for_app, parse_args

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp
    from planner.tui.messages import PlanShown


def first_paint_app() -> type[PlannerApp]:
    """PlannerApp, ending itself once Today's first frame is on the terminal."""
    from planner.tui.app import PlannerApp  # here: after the fold, as planner/cli imports it

    class FirstPaintApp(PlannerApp):
        def start_background_work(self) -> None:
            """None of it: the poll, the inbox and the unpacking all start after the first frame."""

        def on_plan_shown(self, _: PlanShown) -> None:
            # Today posts PlanShown once mounted (Textual runs PlannerApp's handler as well);
            # a callback after the refresh runs once that frame is painted.
            self.call_after_refresh(self.exit, 0)

    return FirstPaintApp


def run(app: PlannerApp, *, ready: bool = False, headless: bool = False) -> int:
    app.run(headless=headless)
    if ready:
        # What PlannerApp.get_ready unpacks half a second after the first paint.
        app.planner.get_ready()
    return app.return_code or 0


def main(argv: list[str]) -> int:
    ready = "--ready" in argv
    args = parse_args([arg for arg in argv if arg != "--ready"])  # [] imports no argparse
    if args.command is not None or args.demo:
        raise SystemExit("bench/first_paint.py takes the app's --data and --today, and --ready")
    planner = open_for_app(args)
    app_class = first_paint_app()
    gc.freeze()  # as planner/cli does before run_tui
    return run(app_class(planner), ready=ready)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
