"""`python -m planner` runs the same entry point as the `planner` script."""

import sys

from planner.entry import main

# The guard matters: worker processes started by "spawn" (macOS) import this module again
# as __mp_main__, and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(main())
