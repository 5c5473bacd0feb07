"""Shared set-up for the notebook tests: the tools/ folder on the path, and each notebook executed once."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebooks  # noqa: E402  (tools/notebooks.py)

_executed = {}

# Binder gives a session 1-2 GB: the chapters that load Fashion-MNIST run in a kernel whose Java heap is limited to 1 GB
# (tests/test_notebooks.py checks that they did, and printed what they should).
HEAP_LIMITED = {"12": "1g", "13": "1g"}


def executed(path):
    """The notebook at `path`, executed once per test session: (notebook, seconds). The copy goes to build/."""
    if path not in _executed:
        nb, seconds = notebooks.execute(path, heap_limit=HEAP_LIMITED.get(path.name[:2]))
        notebooks.write_executed(nb, path)
        _executed[path] = (nb, seconds)
    return _executed[path]


def pytest_terminal_summary(terminalreporter):
    """The time each executed notebook took, as a figure to watch (the course aims at under two minutes each)."""
    if not _executed:
        return
    terminalreporter.section("notebook execution times and peak heap")
    for path, (nb, seconds) in sorted(_executed.items()):
        run = nb.metadata.get("nnfs_run", {})
        limit = f" (heap limited to {run['heap_limit']})" if run.get("heap_limit") else ""
        terminalreporter.write_line(f"{path.name:<40} {seconds:7.1f} s  {run.get('peak_heap_mb')} MB{limit}")
    terminalreporter.write_line(f"{'total':<40} {sum(s for _, s in _executed.values()):7.1f} s")
