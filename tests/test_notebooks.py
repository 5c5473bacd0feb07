"""Every notebook runs top to bottom on the Java kernel, in under two minutes, and prints its key numbers."""
import re

import pytest

from conftest import HEAP_LIMITED, executed, notebooks
from notebook_expectations import EXPECTED

PATHS = notebooks.notebook_paths()


def text_of(nb):
    """All text a reader sees in the outputs, as it reads on the page: a cell's printed lines run on exactly as
    printed (however the kernel split them into stream messages), other text results on lines of their own."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                for mime in ("text/plain", "text/html", "text/markdown"):
                    if mime in out.data:
                        parts.append("\n" + out.data[mime] + "\n")
        parts.append("\n")
    return "".join(parts)


def images_of(nb):
    return sum(1 for cell in nb.cells for out in cell.get("outputs", [])
               if out.output_type in ("execute_result", "display_data") and "image/png" in out.data)


def test_every_notebook_has_expectations():
    missing = [p.name for p in PATHS if p.name[:2] not in EXPECTED]
    assert not missing, f"add the key numbers of {missing} to tests/notebook_expectations.py"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_runs_without_errors(path):
    # How long each notebook took is printed at the end of the run (conftest.py), not asserted: timings depend on
    # the machine and its load. tools/notebooks.py's cell timeout stops a notebook that hangs.
    nb, _ = executed(path)
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_shows_no_object_identities(path):
    """A cell whose last expression is e.g. `System.out.printf(...)` displays `java.io.PrintStream@1b2c3d`: noise for
    the reader. End such cells with a statement that has no value (println, a declaration)."""
    nb, _ = executed(path)
    noise = [(i, text) for i, cell in enumerate(nb.cells) for out in cell.get("outputs", [])
             if out.output_type == "execute_result"
             for text in (out.data.get("text/plain", ""), out.data.get("text/html", ""))
             if re.fullmatch(r"[\w.$]+@[0-9a-f]{4,}", text.strip())]
    assert not noise, f"{path.name}: cell {noise[0][0]} displays {noise[0][1]}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_prints_its_key_numbers(path):
    nb, _ = executed(path)
    expected = EXPECTED[path.name[:2]]
    text = text_of(nb)
    for pattern in expected["text"]:
        assert re.search(pattern, text), f"{path.name}: no output matches {pattern!r}"
    assert images_of(nb) >= expected["images"], \
        f"{path.name}: expected at least {expected['images']} plots, found {images_of(nb)}"


@pytest.mark.parametrize("path", [p for p in PATHS if p.name[:2] in HEAP_LIMITED], ids=lambda p: p.stem)
def test_fashion_chapters_run_in_one_gigabyte(path):
    """Binder and most JupyterHubs give a session 1-2 GB: these chapters ran (and printed their numbers, above) in a
    kernel whose Java heap could not grow past 1 GB."""
    nb, _ = executed(path)
    run = nb.metadata["nnfs_run"]
    assert run["heap_limit"] == "1g"
    assert run["peak_heap_mb"] is not None and run["peak_heap_mb"] < 1024, run
