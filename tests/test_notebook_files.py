"""The committed notebooks themselves: clean, on the `java` kernel, loading the library with one `%jars` line."""
import re

import nbformat
import pytest

from conftest import notebooks

PATHS = notebooks.notebook_paths()
JARS_LINE = "%jars ../lib/target/nnfs.jar"


def test_there_are_notebooks():
    assert PATHS, "notebooks/ holds no NN-name.ipynb files"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {index} carries outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {index} carries an execution count"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_java_kernel_and_one_jars_line(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "java"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "no code cells"
    assert code[0].source.strip() == JARS_LINE, f"the first code cell must be exactly '{JARS_LINE}'"
    for index, cell in enumerate(code):
        for line in cell.source.splitlines():
            assert not re.match(r"\s*%(maven|dependency|loadFromPOM|addMavenDependenc)", line), \
                f"code cell {index}: dependencies come from the library jar, not from '{line.strip()}'"
        if index > 0:
            assert "%jars" not in cell.source, f"code cell {index}: only the first cell loads jars"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_starts_with_a_title_and_ends_with_a_summary(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "), \
        "the first cell is the chapter title"
    assert nb.cells[-1].cell_type == "markdown", "the last cell summarises the chapter"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_unfinished_text(path):
    """Drafts leave markers behind (TODO, %%RESULTS%%, a lone PLACEHOLDER_NAME line); none may reach a reader."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        for line in cell.source.splitlines():
            assert not re.search(r"\bTODO\b|\bFIXME\b|%%[A-Z_]+%%", line), f"cell {index}: unfinished: {line.strip()}"
            if cell.cell_type == "markdown":
                assert not re.fullmatch(r"\s*[A-Z][A-Z0-9_]{5,}\s*", line), f"cell {index}: placeholder {line.strip()}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_control_characters(path):
    r"""A Python string escape in an authoring script ("\t" of "\times", "\a" of "\approx") leaves a control
    character in the text, which breaks the formula it sits in (MathJax stops typesetting the book's print page)."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        match = re.search(r"[\x00-\x08\x0b-\x1f\x7f]" + ("|\t" if cell.cell_type == "markdown" else ""), cell.source)
        assert not match, (f"cell {index} ({cell.cell_type}) holds the control character {match.group(0)!r}: "
                           f"...{cell.source[max(0, match.start() - 30):match.end() + 10]!r}")
