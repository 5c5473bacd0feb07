"""The HTML book (`make book`): built here by the same code from the notebooks this test session executes.

Checked on the built book: the contents page lists every chapter with its summary; every chapter page links to its
neighbours and back to the contents; every page has the sidebar (every chapter, the current one open with the
notebook's `##` sections) and every sidebar link resolves to an element of its target page; every link, script, style
sheet and image resolves inside the book (relative, no network); plots are PNG images inside the pages; the code is
highlighted as Java; the `%jars` cell shows its code and one sentence, not the kernel's confirmation; no terminal
escape codes or build-machine paths; formulas are left for the book's own MathJax, the search index for its own
MiniSearch, both shipped with their licences; each chapter offers its student edition, teacher edition and executed
notebook for download from inside the book, and Binder only when the settings name a repository; solutions are
folded, their checks' outputs visible. On small made-up notebooks (no kernel): the builder's rules, the folding, the
downloads taken from build/student and build/teacher, the Binder setting. In Chromium (tests/test_site.py): search,
the sidebar at work, the PDF, MathJax typesetting, and that no request leaves the machine.
"""
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

import book  # tools/book.py
import editions  # tools/editions.py
from conftest import ROOT, executed, notebooks

PATHS = notebooks.notebook_paths()
PAGES = [p.stem + ".html" for p in PATHS]
_built = []


def built_book():
    """build/book with its PDF, built once per test session as `make book` builds it: the editions into
    build/student and build/teacher, then tools/book.py from the executed copies in build/notebooks (executed once
    per session, shared with test_notebooks.py). tests/test_site.py uses the same book.

    NNFS_BOOK_REUSE=1 builds it from the notebooks already in build/notebooks instead (executed by an earlier run),
    for working on the book alone without running the kernel again; the full test command never sets it."""
    if not _built:
        if os.environ.get("NNFS_BOOK_REUSE") != "1":
            for path in PATHS:
                executed(path)
        editions.write(log=lambda line: None)
        book.build(log=lambda line: None)
        _built.append(book.OUT)
    return _built[0]


@pytest.fixture(scope="module")
def book_dir():
    return built_book()


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
    binder = {book.binder_url(book.settings(), c) for c in book.chapters()} - {None}
    for name, reference in references:
        if name == "img" and reference.startswith("data:image/png;base64,"):
            continue
        if name == "a" and reference in binder:
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


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_set_up_cells_show_their_code_and_one_sentence(book_dir, path):
    """The `%jars` cell stays, without the kernel's "Add ... to classpath", followed by one sentence saying what it
    does; the executed notebook offered for download keeps the kernel's line (without this machine's path)."""
    page = soup(book_dir, path.stem + ".html")
    assert "to classpath" not in page.get_text()
    jars = [cell for cell in page.select("div.jp-CodeCell")
            if cell.select_one(".jp-InputArea-editor").get_text().strip().startswith("%jars ")]
    assert len(jars) == 1, "one set-up cell per chapter"
    assert jars[0].get_text().strip().endswith("%jars ../lib/target/nnfs.jar"), "the cell shows its code, no output"
    assert not jars[0].select(".jp-OutputArea-output")
    note = jars[0].find_next_sibling()
    assert note.name == "p" and "book-setup-note" in note["class"]
    assert note.get_text().startswith("This line puts the course's library, ../lib/target/nnfs.jar ")
    assert len(re.findall(r"[.!?](\s|$)", note.get_text())) == 1, "one sentence"
    downloaded = nbformat.read(book_dir / "notebooks" / "executed" / path.name, as_version=4)
    first = next(c for c in downloaded.cells if c.cell_type == "code")
    assert [o.text for o in first.outputs] == ["Add ../lib/target/nnfs.jar to classpath"]


def test_setup_note_only_for_jars_lines():
    assert book.setup_note("%jars ../lib/target/nnfs.jar").startswith(
        "This line puts the course's library, <code>../lib/target/nnfs.jar</code> with everything it uses,")
    assert book.setup_note("%jars a.jar\n%jars b.jar").count("<code>") == 2
    assert book.setup_note("%jars a.jar\nint x = 1;") is None
    assert book.setup_note("int x = 1;") is None and book.setup_note("") is None


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_code_is_highlighted_as_java(book_dir, path):
    page = soup(book_dir, path.stem + ".html")
    blocks = page.select("div.jp-CodeCell .jp-InputArea-editor .highlight")
    assert blocks and all("hl-java" in block["class"] for block in blocks)
    keywords = {span.get_text() for block in blocks for span in block.select("span.kn, span.kd, span.kt, span.k")}
    assert {"import", "new"} <= keywords or {"import", "double"} <= keywords, f"Java keywords found: {keywords}"


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


def test_the_book_carries_its_search(book_dir):
    script = (book_dir / book.MINISEARCH_IN_BOOK).read_text(encoding="utf-8")
    assert "MiniSearch" in script and len(script) > 20_000
    assert "Permission is hereby granted" in (book_dir / "search" / "LICENSE").read_text()
    assert "MIT License" in (book_dir / "search" / "README").read_text()
    documents = search_documents(book_dir)
    for page in PAGES:
        anchors = {d["anchor"] for d in documents if d["page"] == page}
        headings = {h["id"] for h in soup(book_dir, page).select("main h1[id], main h2[id], main h3[id]")}
        assert anchors == headings, f"{page}: one search document per heading"
    adam = [d for d in documents if d["page"] == "06-optimizers.html" and d["title"] == "6. Adam"]
    assert len(adam) == 1 and "adaptive moment estimation" in adam[0]["text"]
    assert not [d for d in documents if "$" in d["text"]], "formulas in the snippets read as letters, not TeX"


def search_documents(book_dir):
    script = (book_dir / book.SEARCH_INDEX_IN_BOOK).read_text(encoding="utf-8")
    prefix = "window.bookSearchDocuments = "
    body = script[script.index(prefix) + len(prefix):].strip()
    return json.loads(body.rstrip(";"))


def sidebar_links(page):
    sidebar = page.select_one("nav.book-sidebar")
    return sidebar, [a["href"] for a in sidebar.find_all("a")]


@pytest.mark.parametrize("page_name", ["index.html"] + PAGES)
def test_every_page_has_the_sidebar_with_the_current_chapter_open(book_dir, page_name):
    page = soup(book_dir, page_name)
    sidebar, _ = sidebar_links(page)
    assert sidebar.select_one("input#book-search-input[type=search]")
    chapters = sidebar.select("ol.book-toc > li > a")
    assert [a["href"] for a in chapters] == PAGES
    current = sidebar.select("li.book-toc-current")
    if page_name == "index.html":
        assert not current and not sidebar.select(".book-toc-sections")
        return
    assert len(current) == 1 and current[0].a["href"] == page_name and current[0].a["aria-current"] == "page"
    source = nbformat.read(notebooks.NOTEBOOKS / page_name.replace(".html", ".ipynb"), as_version=4)
    headings = [line[3:].replace("`", "").strip() for c in source.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("## ")]
    sections = [a.get_text() for a in current[0].select("ol.book-toc-sections a")]
    assert sections == headings, "the notebook's ## headings, in order"
    assert sidebar.select_one(f'.book-sidebar-pdf a[href="{book.PDF_IN_BOOK}"]')


@pytest.mark.parametrize("page_name", ["index.html"] + PAGES)
def test_every_sidebar_link_resolves(book_dir, page_name):
    _, links = sidebar_links(soup(book_dir, page_name))
    for href in links:
        target, _, anchor = href.partition("#")
        target = target or page_name
        assert (book_dir / target).is_file(), f"{href}: no such file in the book"
        if anchor:
            assert soup(book_dir, target).find(id=anchor), f"{href}: no element with id '{anchor}' on {target}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_chapter_offers_its_notebooks(book_dir, path):
    page = soup(book_dir, path.stem + ".html")
    files = page.select_one("div.book-files")
    links = {a["class"][0]: a["href"] for a in files.find_all("a")}
    assert {k: v for k, v in links.items() if k != "book-binder"} == {
        f"book-file-{kind}": f"notebooks/{kind}/{path.name}" for kind in book.EDITION_KINDS}
    committed = nbformat.read(path, as_version=4)
    student = nbformat.read(book_dir / "notebooks" / "student" / path.name, as_version=4)
    teacher = nbformat.read(book_dir / "notebooks" / "teacher" / path.name, as_version=4)
    executed_copy = nbformat.read(book_dir / "notebooks" / "executed" / path.name, as_version=4)
    assert [c.source for c in student.cells] == [c.source for c in editions.student(committed, path.name).cells]
    assert [c.source for c in teacher.cells] == [c.source for c in committed.cells]
    assert not any(c.get("outputs") for c in student.cells + teacher.cells), "the editions come unexecuted"
    assert [c.source for c in executed_copy.cells] == [c.source for c in committed.cells]
    assert any(c.get("outputs") for c in executed_copy.cells)
    for kind in book.EDITION_KINDS:
        text = (book_dir / "notebooks" / kind / path.name).read_text(encoding="utf-8")
        assert str(ROOT) not in text and "\\u001b" not in text, f"{kind}: a machine path or colour code"
    if any(editions.nbgrader(c) for c in committed.cells):
        assert "BEGIN SOLUTION" not in json.dumps([c.source for c in student.cells])


def test_binder_only_when_the_settings_name_a_repository(book_dir):
    binder_setting = book.settings()["binder_repository"]
    for page_name in ["index.html"] + PAGES:
        text = (book_dir / page_name).read_text(encoding="utf-8")
        assert "OWNER/REPOSITORY" not in text, f"{page_name}: a placeholder address"
        links = soup(book_dir, page_name).select("a.book-binder")
        if not binder_setting or page_name == "index.html":
            assert not links and "mybinder" not in text, f"{page_name}: a Binder link, but none is set"
        else:
            assert [a["href"] for a in links] == [
                f"https://mybinder.org/v2/gh/{binder_setting}/{book.settings()['binder_ref']}"
                f"?urlpath=lab/tree/notebooks/{page_name.replace('.html', '.ipynb')}"]


@pytest.mark.parametrize("path", [p for p in PATHS if editions.exercises(nbformat.read(p, as_version=4), p.name)],
                         ids=lambda p: p.stem)
def test_solutions_are_folded_and_checks_visible(book_dir, path):
    page = soup(book_dir, path.stem + ".html")
    committed = nbformat.read(path, as_version=4)
    found = editions.exercises(committed, path.name)
    folded = page.select("details.book-solution")
    assert [d.summary.get_text() for d in folded] == [f"Solution: exercise {e.number}" for e in found]
    for exercise, details in zip(found, folded):
        code = details.select_one(".jp-InputArea-editor").get_text()
        assert code.strip() == committed.cells[exercise.solution].source.strip()
        heading = page.find(lambda tag: tag.name == "h3" and tag.get_text().startswith(f"Exercise {exercise.number}: "))
        assert heading is not None and not heading.find_parent("details"), "the exercise's text stays visible"
    checks = [o for o in page.select(".jp-OutputArea-output") if o.get_text().strip().startswith("✔ Exercise ")]
    assert [c.get_text().strip()[len("✔ Exercise "):].split(" ")[0] for c in checks] == [e.number for e in found]
    assert not [c for c in checks if c.find_parent("details")], "the checks' outputs are not folded"


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


def tiny_course(tmp_path):
    """A one-chapter course as the book finds it: notebooks/, executed/ and a README row; the chapter has a `%jars`
    cell and one exercise (solution and check cells with nbgrader's metadata), executed outputs made up."""
    new_code, new_markdown = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell

    def output(text):
        return [nbformat.v4.new_output("stream", name="stdout", text=text)]
    meta = {"schema_version": 3, "task": False}
    cells = [
        new_markdown("# 1. One\n\nA chapter."),
        new_code("%jars ../lib/target/nnfs.jar"),
        new_markdown("## A section\n\nSome prose about the Adam optimizer."),
        new_code('System.out.println("two");'),
        new_markdown("## What we learned\n\nThings."),
        new_markdown("## Exercises"),
        new_markdown("### Exercise 1.1: add one\n\nWrite `addOne`."),
        new_code("int addOne(int x) {\n    // ### BEGIN SOLUTION: return x plus one\n    return x + 1;\n"
                 "    // ### END SOLUTION\n}",
                 metadata={"nbgrader": {**meta, "solution": True, "grade": False, "locked": False,
                                        "grade_id": "ex1.1-solution"}}),
        new_code("check(addOne(1) == 2);",
                 metadata={"nbgrader": {**meta, "solution": False, "grade": True, "locked": True, "points": 1,
                                        "grade_id": "ex1.1-check"}}),
        new_markdown("That is all."),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"language_info": {"name": "java", "pygments_lexer": "java"}})
    sources, executed_dir = tmp_path / "notebooks", tmp_path / "executed"
    sources.mkdir()
    executed_dir.mkdir()
    nbformat.write(nb, sources / "01-one.ipynb")
    nb.cells[1].outputs = output(f"\x1b[32mAdd {tmp_path}/notebooks/../lib/target/nnfs.jar to classpath\x1b[0m")
    nb.cells[3].outputs = output("two\n")
    nb.cells[8].outputs = output("✔ Exercise 1.1 (add one): addOne(1) = 2\n")
    nbformat.write(nb, executed_dir / "01-one.ipynb")
    readme = tmp_path / "README.md"
    readme.write_text("| 1 | The first one | `notebooks/01-one.ipynb` |\n")
    return dict(notebooks_dir=sources, executed_dir=executed_dir, readme=readme, root=tmp_path,
                editions_dir=tmp_path / "build", log=lambda line: None, pdf=False)


NO_BINDER = {"binder_repository": "", "binder_ref": "HEAD"}


def test_a_page_folds_solutions_and_hides_set_up_output(tmp_path):
    out = tmp_path / "book"
    book.build(out=out, book_settings=NO_BINDER, **tiny_course(tmp_path))
    page = soup(out, "01-one.html")
    [details] = page.select("details.book-solution")
    assert details.summary.get_text() == "Solution: exercise 1.1"
    assert "return x + 1;" in details.get_text() and "BEGIN SOLUTION" in details.get_text()
    check = page.find(string=re.compile("^✔ Exercise 1.1"))
    assert check is not None and not check.find_parent("details")
    heading = page.find(lambda tag: tag.name == "h3" and tag.get_text().startswith("Exercise 1.1: add one"))
    assert heading is not None and heading.find_parent("details") is None
    assert "to classpath" not in page.get_text() and page.select_one("p.book-setup-note")
    assert "two" in page.get_text()
    assert not page.select("a.book-binder") and "mybinder" not in str(page)
    # The search index leaves the solution out.
    documents = search_documents(out)
    assert [d["title"] for d in documents] == ["1. One", "A section", "What we learned", "Exercises",
                                               "Exercise 1.1: add one"]
    assert not [d for d in documents if "x + 1" in d["code"]]
    assert "Adam optimizer" in documents[1]["text"]


def test_downloads_are_made_from_the_notebook_without_editions(tmp_path):
    out = tmp_path / "book"
    book.build(out=out, book_settings=NO_BINDER, **tiny_course(tmp_path))
    student = nbformat.read(out / "notebooks" / "student" / "01-one.ipynb", as_version=4)
    teacher = nbformat.read(out / "notebooks" / "teacher" / "01-one.ipynb", as_version=4)
    executed_copy = nbformat.read(out / "notebooks" / "executed" / "01-one.ipynb", as_version=4)
    assert 'throw new UnsupportedOperationException("exercise 1.1: return x plus one");' in student.cells[7].source
    assert "return x + 1;" not in student.cells[7].source
    assert "return x + 1;" in teacher.cells[7].source
    assert not any(c.get("outputs") for c in student.cells + teacher.cells)
    assert executed_copy.cells[1].outputs[0].text == "Add ../lib/target/nnfs.jar to classpath"


def test_downloads_are_the_editions_written_by_editions_py(tmp_path):
    course = tiny_course(tmp_path)
    for kind in ("student", "teacher"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# written as the {kind} edition")])
        (course["editions_dir"] / kind).mkdir(parents=True)
        nbformat.write(nb, course["editions_dir"] / kind / "01-one.ipynb")
    out = tmp_path / "book"
    book.build(out=out, book_settings=NO_BINDER, **course)
    for kind in ("student", "teacher"):
        copied = nbformat.read(out / "notebooks" / kind / "01-one.ipynb", as_version=4)
        assert copied.cells[0].source == f"# written as the {kind} edition"


def test_binder_link_comes_from_the_settings(tmp_path):
    out = tmp_path / "book"
    book.build(out=out, book_settings={"binder_repository": "someone/nnfs-java", "binder_ref": "main"},
               **tiny_course(tmp_path))
    links = [a["href"] for a in soup(out, "01-one.html").select("a.book-binder")]
    assert links == ["https://mybinder.org/v2/gh/someone/nnfs-java/main?urlpath=lab/tree/notebooks/01-one.ipynb"]
    assert "mybinder" not in (out / "index.html").read_text()


def test_settings_are_checked(tmp_path):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"binder_repository": "", "binder_ref": "HEAD"}))
    assert book.settings(settings) == {"binder_repository": "", "binder_ref": "HEAD"}
    settings.write_text(json.dumps({"binder_repository": " someone/nnfs-java "}))
    assert book.settings(settings) == {"binder_repository": "someone/nnfs-java", "binder_ref": "HEAD"}
    for wrong in ("OWNER", "https://github.com/someone/nnfs-java", "someone/nnfs java"):
        settings.write_text(json.dumps({"binder_repository": wrong}))
        with pytest.raises(book.BookError, match="binder_repository must be a GitHub repository written owner/name"):
            book.settings(settings)
    settings.write_text("{")
    with pytest.raises(book.BookError, match="cannot read the book's settings"):
        book.settings(settings)
    assert book.settings() == book.settings(book.SETTINGS), "the committed settings file is valid"


def test_formulas_read_as_letters_in_snippets():
    assert book.plain_formulas(r"with $\hat{m}_t = g$ and $$x = \frac{a}{b}$$ then $\theta \leftarrow \theta$.") \
        == "with m_t = g and  …  then θ ← θ."
