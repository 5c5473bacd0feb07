"""Shared set-up for the notebook tests: the tools/ folder on the path, and each notebook executed once."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebooks  # noqa: E402  (tools/notebooks.py)

_executed = {}


def executed(path):
    """The notebook at `path`, executed once per test session: (notebook, seconds). The copy goes to build/."""
    if path not in _executed:
        nb, seconds = notebooks.execute(path)
        notebooks.write_executed(nb, path)
        _executed[path] = (nb, seconds)
    return _executed[path]


def pytest_terminal_summary(terminalreporter):
    """The time each executed notebook took, as a figure to watch (the course aims at under two minutes each)."""
    if not _executed:
        return
    terminalreporter.section("notebook execution times")
    for path, (_, seconds) in sorted(_executed.items()):
        terminalreporter.write_line(f"{path.name:<40} {seconds:7.1f} s")
    terminalreporter.write_line(f"{'total':<40} {sum(s for _, s in _executed.values()):7.1f} s")
