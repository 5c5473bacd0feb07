"""The README is a newcomer's first page: the two commands first, then every chapter, the Binder link, the kernel."""
import re

from conftest import ROOT, notebooks

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_come_first():
    lines = README.splitlines()
    assert lines[0].startswith("# ") and lines[2] == "```sh"
    assert lines[3].startswith("make book ") and lines[4].startswith("make test ") and lines[5] == "```"


def test_every_chapter_is_in_the_table():
    rows = re.findall(r"^\| (\d+) \| [^|]+ \| `notebooks/([^`]+)` \|$", README, re.M)
    names = [name for _, name in rows]
    present = [p.name for p in notebooks.notebook_paths()]
    assert [n for n in names if n in present] == present, "every notebook has a row, in file-name order"
    assert names == sorted(names)
    assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))


def test_binder_badge_opens_jupyterlab_on_the_notebooks():
    assert "[![Binder][binder-badge]][binder]" in README
    [link] = re.findall(r"^\[binder\]: (\S+)$", README, re.M)
    assert re.fullmatch(r"https://mybinder\.org/v2/gh/[^/]+/[^/]+/HEAD\?urlpath=lab/tree/notebooks", link)
    assert re.search(r"^\[binder-badge\]: https://mybinder\.org/badge_logo\.svg$", README, re.M)


def test_the_jars_line_it_explains_is_the_notebooks_one():
    assert "`%jars ../lib/target/nnfs.jar`" in README
    assert "tools/setup.sh --prefix" in README and ".venv/bin/jupyter lab notebooks/" in README
