"""The HTML book (`make book`): built here by the same code from the notebooks this test session executes.

Checked: the contents page lists every chapter with its summary; every chapter page links to its neighbours and back
to the contents, and every link, script, style sheet and image resolves inside the book (relative, no network);
plots are PNG images inside the pages; no terminal escape codes or build-machine paths in the text; formulas are left
for the book's own MathJax. Where Chromium is installed, it opens the pages from disk with the network blocked and
checks that MathJax typeset every formula without a TeX error.
"""
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

import book  # tools/book.py
from conftest import ROOT, executed, notebooks

PATHS = notebooks.notebook_paths()
PAGES = [p.stem + ".html" for p in PATHS]


@pytest.fixture(scope="module")
def book_dir():
    """build/book, written by tools/book.py from the executed copies in build/notebooks (executed once per session,
    shared with test_notebooks.py)."""
    for path in PATHS:
        executed(path)
    book.build(log=lambda line: None)
    return book.OUT


def soup(book_dir, page):
    return BeautifulSoup((book_dir / page).read_text(encoding="utf-8"), "html.parser")


def test_contents_page_lists_every_chapter_in_order(book_dir):
    index = soup(book_dir, "index.html")
    assert index.title.string == book.BOOK_TITLE
    assert index.h1.get_text() == book.BOOK_TITLE
    assert len(index.find_all("p")) >= 2, "the contents page opens with a short introduction"
    items = index.select("ol.book-contents-list > li")
    assert [li.a["href"] for li in items] == PAGES
    for number, (li, path) in enumerate(zip(items, PATHS), start=1):
        title = nbformat.read(path, as_version=4).cells[0].source.lstrip()[2:].splitlines()[0].strip()
        assert li.a.get_text() == title
        assert title.startswith(f"{number}. "), f"{path.name}: title '{title}' does not start with '{number}. '"
        summary = li.select_one(".book-summary").get_text().strip()
        assert len(summary) > 10, f"{path.name}: no one-line summary on the contents page"


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_chapter_page_links_to_neighbours_and_contents(book_dir, index):
    page = soup(book_dir, PAGES[index])
    navs = page.select("nav.book-nav")
    assert len(navs) == 2, "a navigation bar above and below the chapter"
    for nav in navs:
        links = {a["rel"][0]: a["href"] for a in nav.find_all("a")}
        assert links.get("contents") == "index.html"
        assert links.get("prev") == (PAGES[index - 1] if index > 0 else None)
        assert links.get("next") == (PAGES[index + 1] if index + 1 < len(PAGES) else None)
    heading = page.find("h1")
    assert heading is not None and heading.get_text().strip().startswith(f"{index + 1}. ")


@pytest.mark.parametrize("page_name", ["index.html"] + PAGES)
def test_everything_a_page_loads_is_inside_the_book(book_dir, page_name):
    page = soup(book_dir, page_name)
    references = [(tag.name, tag.get(attribute)) for tag, attribute in
                  [(t, "src") for t in page.find_all(["script", "img", "iframe", "video", "audio", "source"])] +
                  [(t, "href") for t in page.find_all(["link", "a"])]
                  if tag.get(attribute)]
    for name, reference in references:
        if name == "img" and reference.startswith("data:image/png;base64,"):
            continue
        if reference.startswith("#"):
            continue
        assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", reference, re.I), \
            f"<{name}> loads '{reference[:80]}': the book must not need the network"
        target = reference.split("#")[0]
        assert (book_dir / target).is_file(), f"<{name}> points to '{reference}', which is not in the book"
    styles = " ".join(s.get_text() for s in page.find_all("style"))
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", styles), "a style sheet loads something from the network"
    assert not re.search(r"@import\s+(url\()?\s*['\"]?(https?:)?//", styles)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_plots_are_png_images_inside_the_page(book_dir, path):
    html = (book_dir / (path.stem + ".html")).read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]{20})', html)
    nb, _ = executed(path)
    plots = [out.data["image/png"] for cell in nb.cells for out in cell.get("outputs", [])
             if out.output_type in ("execute_result", "display_data") and "image/png" in out.data]
    assert plots, f"{path.name} draws no plot"
    assert len(images) == len(plots), f"{len(plots)} plots in the notebook, {len(images)} images on the page"
    assert [i[:20] for i in images] == [p.replace("\n", "")[:20] for p in plots], "the plots, in order"
    assert all(i.startswith("iVBORw0KGgo") for i in images), "every embedded image is a PNG"


@pytest.mark.parametrize("page_name", ["index.html"] + PAGES)
def test_no_terminal_codes_or_build_paths(book_dir, page_name):
    text = (book_dir / page_name).read_text(encoding="utf-8")
    assert "\x1b" not in text and "&#27;" not in text and "\\u001b" not in text
    assert not re.search(r"\[(0|1|3\d|9\d)(;\d+)*m(?=\S)", text), "a terminal colour code shows as text"
    assert str(ROOT) not in text, f"the page shows this machine's path {ROOT}"


@pytest.mark.parametrize("page_name", PAGES)
def test_no_object_identities_in_outputs(book_dir, page_name):
    """A value whose class has no toString prints as `java.io.PrintStream@45f7412f`: noise a reader cannot use (it
    happens when a cell's last expression is, say, a printf call)."""
    outputs = " ".join(o.get_text() for o in soup(book_dir, page_name).select(".jp-OutputArea-output"))
    leaked = re.search(r"\b[a-z][\w$]*(\.[\w$]+)+@[0-9a-f]{5,8}\b", outputs)
    assert not leaked, f"an output shows the object identity '{leaked.group(0)}'"


def test_the_jars_line_reads_as_written(book_dir):
    page = soup(book_dir, PAGES[0])
    outputs = [o.get_text() for o in page.select(".jp-OutputArea-output")]
    assert outputs and outputs[0].strip() == "Add ../lib/target/nnfs.jar to classpath"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_formulas_are_left_for_the_local_mathjax(book_dir, path):
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    html = (book_dir / (path.stem + ".html")).read_text(encoding="utf-8")
    assert f'<script src="{book.MATHJAX_IN_BOOK}"></script>' in html
    assert "inlineMath: [['$', '$']" in html and "displayMath: [['$$', '$$']" in html
    # Every display formula of the notebook reaches the page with its delimiters, untouched by Markdown.
    for formula in re.findall(r"\$\$(.+?)\$\$", markdown, re.S)[:5]:
        first_line = formula.strip().splitlines()[0].strip()
        escaped = first_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert first_line in html or escaped in html, f"{path.name}: formula '{first_line}' is not on the page"


def test_the_book_carries_its_mathjax(book_dir):
    script = (book_dir / book.MATHJAX_IN_BOOK).read_text(encoding="utf-8")
    assert len(script) > 1_000_000 and "MathJax" in script
    assert "Apache License" in (book_dir / "mathjax" / "LICENSE").read_text()


# --- MathJax really typesets every formula, offline (needs Chromium: the Debian package `chromium`) ---------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TEX_LEFT_OVER = re.compile(r"\$\$|\\(frac|sum|partial|hat|cdot|mathrm|text|begin|left|right)\b")


def rendered_dom(page):
    """The page after its scripts ran, as headless Chromium sees it opened from disk with no network reachable
    (every request goes to a proxy on a closed local port)."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
             "--proxy-server=http://127.0.0.1:9", "--virtual-time-budget=30000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_mathjax_typesets_every_formula_offline(book_dir, path):
    dom = BeautifulSoup(rendered_dom(book_dir / (path.stem + ".html")), "html.parser")
    containers = dom.find_all("mjx-container")
    markdown = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    if "$" in markdown:
        assert containers, f"{path.name}: MathJax typeset nothing"
    errors = [c for c in containers if c.find(attrs={"data-mjx-error": True}) or c.find("merror")]
    assert not errors, f"{path.name}: TeX errors: {[e.get('data-mjx-error') or e.get_text()[:80] for e in errors]}"
    for tag in dom.find_all(["script", "style", "pre", "code", "mjx-container"]):
        tag.decompose()
    left = TEX_LEFT_OVER.search(dom.get_text())
    assert not left, f"{path.name}: TeX left as text near '{dom.get_text()[max(0, left.start() - 60):left.end() + 20]}'"


# --- the builder's own rules, on small made-up inputs (no kernel) -------------------------------------------------

def test_clean_text_removes_colour_codes_and_machine_paths():
    raw = "\x1b[0m\x1b[32mAdd /home/ann/course/notebooks/../lib/target/nnfs.jar to classpath\x1b[0m"
    assert book.clean_text(raw, root=Path("/home/ann/course")) == "Add ../lib/target/nnfs.jar to classpath"
    assert book.clean_text("saved /srv/x/build/model.json", root=Path("/srv/x")) == "saved build/model.json"
    assert book.clean_text("loss: 0.5\n", root=Path("/srv/x")) == "loss: 0.5\n"


def test_summaries_come_from_the_readme_table(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("| # | chapter | notebook |\n|---|---|---|\n"
                      "| 1 | One neuron, then the `Dense` layer | `notebooks/01-a.ipynb` |\n"
                      "| 2 | Activations | `notebooks/02-b.ipynb` |\n")
    assert book.readme_summaries(readme) == {"01-a.ipynb": (1, "One neuron, then the `Dense` layer"),
                                             "02-b.ipynb": (2, "Activations")}
    assert book.inline_markdown("the `Dense` <layer>") == "the <code>Dense</code> &lt;layer&gt;"


def test_missing_pieces_are_named(tmp_path):
    sources, executed_dir = tmp_path / "notebooks", tmp_path / "executed"
    sources.mkdir()
    executed_dir.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 1. One"),
                                         nbformat.v4.new_code_cell("1 + 1")])
    nbformat.write(nb, sources / "01-one.ipynb")
    readme = tmp_path / "README.md"
    readme.write_text("| 1 | The first one | `notebooks/01-one.ipynb` |\n")
    with pytest.raises(book.BookError, match="01-one.ipynb is missing: execute the notebooks first"):
        book.chapters(sources, executed_dir, readme)
    nbformat.write(nb, executed_dir / "01-one.ipynb")
    with pytest.raises(book.BookError, match="has no outputs"):
        book.chapters(sources, executed_dir, readme)
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nbformat.write(nb, executed_dir / "01-one.ipynb")
    readme.write_text("no table\n")
    with pytest.raises(book.BookError, match="README.md's chapter table has no row for notebooks/01-one.ipynb"):
        book.chapters(sources, executed_dir, readme)
    readme.write_text("| 1 | The first one | `notebooks/01-one.ipynb` |\n")
    [chapter] = book.chapters(sources, executed_dir, readme)
    assert (chapter.title, chapter.summary, chapter.page) == ("1. One", "The first one", "01-one.html")
