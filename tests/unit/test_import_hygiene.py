"""The core, the store and the service never pull in the UI (a fresh process proves it)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module", ["planner.core.engine", "planner.store.store", "planner.service", "planner.cli"]
)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'rich' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
