"""Build the course's HTML book, and its PDF, from the executed notebooks.

    python tools/book.py                          build/notebooks/*.ipynb  ->  build/book/ (pages and PDF)
    python tools/book.py --no-pdf                 only the pages (a few seconds; the PDF takes about a minute)
    python tools/book.py --notebooks DIR --out DIR

`make book` executes every notebook first and writes the student and teacher editions (tools/notebooks.py --book,
tools/editions.py), then calls this; while writing a chapter, run this alone to rebuild the book from the notebooks
executed last time, without starting the kernel again.

The book is a folder of static pages: index.html (title, introduction, contents with one line per chapter) and one
page per chapter. Every page has a sidebar with the chapters, the current one open with its sections, and a search
box; each chapter page links to the previous and next chapter and offers its notebook for download (the student
edition, the teacher edition with the solutions, and the notebook as executed for the book) and, when
tools/book/settings.json names the course's GitHub repository, an "Open in Binder" link. Plots are PNG images inside
the pages, formulas are typeset by a copy of MathJax in the book's mathjax/ folder, the search runs on MiniSearch
with an index written next to the pages (search/), and every link is relative, so the folder reads the same opened
from disk without a network or copied to any web server. nnfs-java.pdf is the whole book, printed from the same
pages by headless Chromium with the print rules of book.css.
"""
import argparse
import copy
import html
import io
import json
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "build" / "notebooks"
# tools/editions.py writes build/student/ and build/teacher/ there (make book does it before building the book).
EDITIONS = ROOT / "build"
OUT = ROOT / "build" / "book"
README = ROOT / "README.md"
ASSETS = Path(__file__).resolve().parent / "book"
TEMPLATES = ASSETS / "templates"
SETTINGS = ASSETS / "settings.json"
# The browser libraries come from the npm packages pinned in tools/book/package-lock.json (tools/setup.sh installs
# them). MathJax's "full" SVG build is one self-contained file: every TeX extension inside, glyphs drawn as SVG
# paths, so no fonts to fetch. MiniSearch's UMD build defines the global `MiniSearch`.
NODE_MODULES = ASSETS / "node_modules"
MATHJAX_PACKAGE = NODE_MODULES / "mathjax"
MATHJAX_FILE = "es5/tex-svg-full.js"
MATHJAX_IN_BOOK = "mathjax/tex-svg-full.js"
MINISEARCH_PACKAGE = NODE_MODULES / "minisearch"
MINISEARCH_FILE = "dist/umd/index.js"
MINISEARCH_IN_BOOK = "search/minisearch.js"
SEARCH_INDEX_IN_BOOK = "search/index.js"
CSS_IN_BOOK = "book.css"
SCRIPT_IN_BOOK = "book.js"
PDF_IN_BOOK = "nnfs-java.pdf"
# Where each chapter's notebooks go inside the book, one folder per kind.
EDITION_KINDS = ("student", "teacher", "executed")

BOOK_TITLE = "Neural Networks from Scratch — Java edition"

# Terminal colour codes (the Java kernel colours its `%jars` confirmation green): removed from the book's copy.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The absolute path by which the kernel names a file the notebook gave relative to notebooks/ (its `%jars` line).
KERNEL_ABSOLUTE_PATH = re.compile(r"(?<![\w.])/[^\s'\"<>]*?/notebooks/\.\./")
# A chapter row of the README's table: | 7 | L1 and L2 regularization | `notebooks/07-regularization.ipynb` |
README_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*`notebooks/([^`]+\.ipynb)`\s*\|\s*$")
# Set-up cells: every line a `%jars <jar>` magic. The pages show the cell, not the kernel's confirmation
# ("Add ../lib/target/nnfs.jar to classpath"), and say in one sentence what the cell does.
JARS_LINE = re.compile(r"^%jars\s+(\S+)\s*$")
# The comments the chapter template puts around the chapter itself (what the PDF prints).
CONTENT_START, CONTENT_END = "<!-- book:content-start -->", "<!-- book:content-end -->"
# A GitHub repository as Binder names it (owner/name), and a branch, tag or commit.
REPOSITORY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
GIT_REF = re.compile(r"^[A-Za-z0-9._/-]{1,200}$")

# Headless Chromium for the PDF: Debian's package (tools/setup.sh installs it), never a browser of Playwright's own.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PDF_OPTIONS = {
    "format": "A4", "print_background": True, "outline": True, "tagged": True, "display_header_footer": True,
    "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
    "header_template": "<span></span>",
    "footer_template": '<div style="width: 100%; font: 9px sans-serif; color: #666; text-align: center;">'
                       '<span class="pageNumber"></span></div>',
}
PRINT_SECONDS = 600


class BookError(Exception):
    """Something the book cannot be built without; the message says what is missing and how to get it."""


class Chapter:
    def __init__(self, number, source, executed, title, summary):
        self.number = number        # 1, 2, ...
        self.source = source        # notebooks/NN-name.ipynb
        self.executed = executed    # build/notebooks/NN-name.ipynb
        self.title = title          # the notebook's first heading, e.g. "7. L1 and L2 regularization"
        self.summary = summary      # the README's one line, Markdown with `code` spans
        self.page = source.stem + ".html"
        self.sections = []          # the page's headings, as Section (filled in by build)
        self.content = ""           # the page's chapter content, without sidebar and navigation (for the PDF)


@dataclass
class Section:
    """A heading of a chapter page and what follows it up to the next heading (the search indexes these)."""
    level: int                      # 1 (the chapter title), 2 (`##`) or 3 (`###`)
    anchor: str                     # the heading's id on the page
    title: str
    text: list = field(default_factory=list)    # the prose, in pieces
    code: list = field(default_factory=list)    # the code cells' sources (solutions left out)


def readme_summaries(readme=README):
    """The README's chapter table: notebook file name -> (chapter number, one-line summary)."""
    rows = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = README_ROW.match(line)
        if match:
            rows[match.group(3)] = (int(match.group(1)), match.group(2))
    return rows


def chapter_title(nb, path):
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.lstrip().startswith("# "):
        raise BookError(f"{path.name}: the first cell must be a Markdown cell starting with the chapter title ('# ...')")
    return first.source.lstrip()[2:].splitlines()[0].strip()


def chapters(notebooks_dir=NOTEBOOKS, executed_dir=EXECUTED, readme=README):
    """Every chapter in order, with its executed notebook; raises BookError naming whatever is missing."""
    import nbformat
    sources = sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb"))
    if not sources:
        raise BookError(f"no chapter notebooks (NN-name.ipynb) in {notebooks_dir}")
    summaries = readme_summaries(readme)
    result = []
    for source in sources:
        executed = executed_dir / source.name
        if not executed.is_file():
            raise BookError(f"{executed} is missing: execute the notebooks first "
                            f"(make book, or .venv/bin/python tools/notebooks.py)")
        if source.name not in summaries:
            raise BookError(f"README.md's chapter table has no row for notebooks/{source.name} "
                            f"(expected a line like '| 1 | summary | `notebooks/{source.name}` |')")
        nb = nbformat.read(executed, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        if code and not any(c.outputs for c in code):
            raise BookError(f"{executed} has no outputs: it was saved without being executed")
        number, summary = summaries[source.name]
        result.append(Chapter(number, source, executed, chapter_title(nb, executed), summary))
    numbers = [c.number for c in result]
    if numbers != list(range(1, len(result) + 1)):
        raise BookError(f"README.md numbers the chapters {numbers}; expected 1 to {len(result)} in file-name order")
    return result


def settings(path=SETTINGS):
    """The book's settings file, checked: {'binder_repository': 'owner/name' or '', 'binder_ref': 'HEAD'}."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BookError(f"{path}: cannot read the book's settings ({e})")
    repository = (values.get("binder_repository") or "").strip()
    ref = (values.get("binder_ref") or "HEAD").strip()
    if repository and not REPOSITORY.match(repository):
        raise BookError(f"{path}: binder_repository must be a GitHub repository written owner/name "
                        f"(like someone/nnfs-java), or empty for no Binder link; found '{repository}'")
    if not GIT_REF.match(ref):
        raise BookError(f"{path}: binder_ref must be a branch, tag or commit (like HEAD or main); found '{ref}'")
    return {"binder_repository": repository, "binder_ref": ref}


def binder_url(book_settings, chapter):
    """Binder's address that opens this chapter's notebook in JupyterLab, or None while no repository is set."""
    repository = book_settings.get("binder_repository")
    if not repository:
        return None
    return (f"https://mybinder.org/v2/gh/{repository}/{book_settings.get('binder_ref') or 'HEAD'}"
            f"?urlpath=lab/tree/notebooks/{chapter.source.name}")


def inline_markdown(text):
    """The README summaries' only markup, `code`, as HTML; everything else escaped."""
    parts = text.split("`")
    return "".join(f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p) for i, p in enumerate(parts))


def clean_text(text, root=ROOT):
    """Output text as the book shows it: no terminal colour codes, and no path of the machine that built the book
    (the `%jars` line's confirmation names the jar by its absolute path; the book shows the path the cell wrote)."""
    text = ANSI_ESCAPE.sub("", text)
    text = KERNEL_ABSOLUTE_PATH.sub("../", text)
    return text.replace(f"{root}/", "")


def for_the_book(nb, root=ROOT):
    """A copy of an executed notebook with every output's text cleaned by clean_text (the executed notebook the book
    offers for download is this copy)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                out.text = clean_text(out.text, root)
            elif out.output_type in ("execute_result", "display_data"):
                for mime in ("text/plain", "text/html"):
                    if isinstance(out.data.get(mime), str):
                        out.data[mime] = clean_text(out.data[mime], root)
            elif out.output_type == "error":
                out.evalue = clean_text(out.evalue, root)
                out.traceback = [clean_text(line, root) for line in out.traceback]
    return nb


def setup_note(source):
    """The sentence a set-up cell gets on the page instead of its output, or None for any other cell."""
    lines = [line.strip() for line in source.strip().splitlines() if line.strip()]
    jars = [JARS_LINE.match(line) for line in lines]
    if not lines or not all(jars):
        return None
    names = ", ".join(f"<code>{html.escape(m.group(1))}</code>" for m in jars)
    return (f"This line puts the course's library, {names} with everything it uses, on the Java kernel's class path, "
            f"so that the cells below can use it.")


def solution_of(cell):
    """The exercise number ("4.2") of an nbgrader solution cell (grade_id ex4.2-solution), or None."""
    meta = cell.get("metadata", {}).get("nbgrader") or {}
    if not meta.get("solution"):
        return None
    match = re.match(r"^ex(\d+\.\d+)-solution$", meta.get("grade_id", ""))
    return match.group(1) if match else meta.get("grade_id", "?")


def for_the_page(nb):
    """The copy a chapter page shows: set-up cells without their output (errors stay) and with their sentence in
    cell.metadata.book.setup_note; solution cells marked cell.metadata.book.solution, which the template folds."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        note = setup_note(cell.source)
        if note:
            cell.outputs = [out for out in cell.outputs if out.output_type == "error"]
            cell.metadata.setdefault("book", {})["setup_note"] = note
        number = solution_of(cell)
        if number:
            cell.metadata.setdefault("book", {})["solution"] = number
    return nb


def code_of(nb):
    return [c.source for c in nb.cells if c.cell_type == "code"]


def navigation(chapters_in_order, index, where):
    """The links above (where='top') and below a chapter: previous chapter, contents, next chapter."""
    def link(chapter, rel, text):
        return f'<a class="book-{rel}" rel="{rel}" href="{chapter.page}">{text}</a>'
    before = chapters_in_order[index - 1] if index > 0 else None
    after = chapters_in_order[index + 1] if index + 1 < len(chapters_in_order) else None
    prev_html = link(before, "prev", f"&larr; {html.escape(before.title)}") if before else '<span class="book-prev"></span>'
    next_html = link(after, "next", f"{html.escape(after.title)} &rarr;") if after else '<span class="book-next"></span>'
    contents = '<a class="book-contents" rel="contents" href="index.html">Contents</a>'
    return f'<nav class="book-nav book-nav-{where}">{prev_html}{contents}{next_html}</nav>'


def files_bar(chapter, book_settings):
    """The chapter's notebooks to download, and Binder's link when the settings name the repository."""
    name = chapter.source.name
    links = [
        f'<a class="book-file-student" href="notebooks/student/{name}" download>student edition</a>',
        f'<a class="book-file-teacher" href="notebooks/teacher/{name}" download>teacher edition, with solutions</a>',
        f'<a class="book-file-executed" href="notebooks/executed/{name}" download>as executed for this page</a>',
    ]
    binder = binder_url(book_settings, chapter)
    if binder:
        links.append(f'<a class="book-binder" href="{html.escape(binder)}">Open in Binder</a>')
    return (f'<div class="book-files"><span class="book-files-label">This chapter\'s notebook '
            f'(<code>{html.escape(name)}</code>):</span> {" · ".join(links)}</div>')


def sidebar(chapters_in_order, current, pdf):
    """The sidebar of every page: title, search box, the chapters (the current one open with its `##` sections) and
    the PDF. `current` is the index of the page's chapter, or None on the contents page."""
    items = []
    for index, chapter in enumerate(chapters_in_order):
        if index != current:
            items.append(f'<li><a href="{chapter.page}">{html.escape(chapter.title)}</a></li>')
            continue
        sections = "".join(f'<li><a href="#{html.escape(s.anchor)}">{html.escape(s.title)}</a></li>'
                           for s in chapter.sections if s.level == 2)
        items.append(f'<li class="book-toc-current"><a href="{chapter.page}" aria-current="page">'
                     f'{html.escape(chapter.title)}</a>'
                     + (f'<ol class="book-toc-sections">{sections}</ol>' if sections else "") + "</li>")
    pdf_link = (f'<p class="book-sidebar-pdf"><a href="{PDF_IN_BOOK}">The whole book as a PDF</a></p>'
                if pdf else "")
    return f"""<button type="button" class="book-sidebar-toggle" aria-controls="book-sidebar" aria-expanded="false">\
&#9776; Contents</button>
<nav class="book-sidebar" id="book-sidebar" aria-label="Chapters">
<a class="book-sidebar-title" href="index.html">{html.escape(BOOK_TITLE)}</a>
<div class="book-search" role="search">
<input type="search" id="book-search-input" placeholder="Search the book" aria-label="Search the book" \
autocomplete="off" spellcheck="false">
<ol class="book-search-results" id="book-search-results" hidden></ol>
</div>
<ol class="book-toc">{"".join(items)}</ol>
{pdf_link}
</nav>"""


def scripts():
    return "\n".join(f'<script src="{src}"></script>' for src in (MINISEARCH_IN_BOOK, SEARCH_INDEX_IN_BOOK,
                                                                 SCRIPT_IN_BOOK))


def html_exporter():
    """nbconvert's HTML exporter with the book's template (tools/book/templates/book)."""
    from nbconvert import HTMLExporter
    return HTMLExporter(template_name="book", extra_template_basedirs=[str(TEMPLATES)])


SIDEBAR_MARK = "<!-- book:sidebar -->"


def chapter_page(exporter, nb, chapters_in_order, index, book_settings):
    """The chapter's page, with SIDEBAR_MARK where the sidebar goes (it needs the page's sections, see sections_of)."""
    chapter = chapters_in_order[index]
    resources = {
        "metadata": {"name": chapter.title},
        "book": {"mathjax": MATHJAX_IN_BOOK, "css": CSS_IN_BOOK, "sidebar": SIDEBAR_MARK,
                 "nav_top": navigation(chapters_in_order, index, "top"),
                 "nav_bottom": navigation(chapters_in_order, index, "bottom"),
                 "files": files_bar(chapter, book_settings), "scripts": scripts()},
    }
    body, _ = exporter.from_notebook_node(for_the_page(nb), resources=resources)
    return body


def content_of(page):
    """The chapter itself, between the template's two comments: what the PDF prints."""
    start, end = page.index(CONTENT_START) + len(CONTENT_START), page.index(CONTENT_END)
    return page[start:end]


def sections_of(page):
    """The headings (h1-h3) of a chapter page in order, each with the prose and code up to the next heading.
    Solutions are left out of the text, so that a search does not reveal them."""
    from bs4 import BeautifulSoup
    # The plots are most of a page's bytes and none of its words.
    content = re.sub(r'src="data:[^"]*"', 'src=""', content_of(page))
    soup = BeautifulSoup(content, "html.parser")
    for anchor in soup.select("a.anchor-link"):
        anchor.decompose()
    found = []
    for cell in soup.select("div.jp-Cell"):
        if cell.find_parent("details", class_="book-solution"):
            continue
        markdown = cell.select_one(".jp-RenderedMarkdown")
        if markdown is not None:
            for element in markdown.find_all(recursive=False):
                if element.name in ("h1", "h2", "h3") and element.get("id"):
                    found.append(Section(int(element.name[1]), element["id"], element.get_text(" ", strip=True)))
                elif found:
                    found[-1].text.append(element.get_text(" ", strip=True))
            continue
        editor = cell.select_one(".jp-InputArea-editor")
        if editor is not None and found and not cell.find_next_sibling("p", class_="book-setup-note"):
            found[-1].code.append(editor.get_text().strip())
    return found


GREEK = {name: chr(code) for name, code in [
    ("alpha", 0x3b1), ("beta", 0x3b2), ("gamma", 0x3b3), ("delta", 0x3b4), ("epsilon", 0x3b5), ("varepsilon", 0x3b5),
    ("eta", 0x3b7), ("theta", 0x3b8), ("lambda", 0x3bb), ("mu", 0x3bc), ("pi", 0x3c0), ("rho", 0x3c1),
    ("sigma", 0x3c3), ("tau", 0x3c4), ("phi", 0x3c6), ("partial", 0x2202), ("nabla", 0x2207), ("Delta", 0x394),
    ("Sigma", 0x3a3), ("cdot", 0xb7), ("times", 0xd7), ("leftarrow", 0x2190), ("to", 0x2192), ("approx", 0x2248)]}


def plain_formulas(text):
    """Prose for the search's snippets: a display formula becomes '…', an inline one its letters (TeX commands
    dropped, Greek letters and a few symbols as characters), so that `$\\hat{m}_t$` reads 'm_t' rather than TeX."""
    def inline(match):
        formula = re.sub(r"\\([A-Za-z]+)", lambda m: GREEK.get(m.group(1), " "), match.group(1))
        return " ".join(re.sub(r"[{}]", "", formula).replace("\\", " ").split())
    text = re.sub(r"\$\$.+?\$\$|\\\[.+?\\\]", " … ", text, flags=re.S)
    return re.sub(r"\$(.+?)\$", inline, text, flags=re.S)


def search_documents(chapters_in_order):
    """One search document per section of every chapter, for search/index.js."""
    documents = []
    for chapter in chapters_in_order:
        for section in chapter.sections:
            documents.append({
                "id": len(documents), "page": chapter.page, "anchor": section.anchor,
                "chapter": chapter.title,
                "title": plain_formulas(section.title) if section.level > 1 else chapter.title,
                "text": " ".join(plain_formulas(" ".join(section.text)).split()),
                "code": "\n".join(section.code),
            })
    return documents


def search_index_script(documents):
    """search/index.js: the documents as a script (a script loads from file://, where a JSON file could not)."""
    return ("// The book's search documents, one per section: written by tools/book.py, read by book.js.\n"
            "window.bookSearchDocuments = " + json.dumps(documents, ensure_ascii=True, separators=(",", ":")) + ";\n")


def introduction(java_version):
    java = f" on Java {html.escape(java_version.split('+')[0])}" if java_version else ""
    return f"""<p>How does a neural network learn? This course answers by building one, piece by piece, in Java: a layer
of neurons, activation functions, a loss, backpropagation, optimizers, regularization, and finally a model that
learns to tell apart photos of clothing. It follows the book <em>Neural Networks from Scratch in Python</em> by
Harrison Kinsley and Daniel Kukie&#322;a, one chapter of it per chapter here.</p>
<p>Each chapter is a Jupyter notebook: a short explanation with its formulas, then the Java code that does it,
then what that code printed and drew. The code runs on <code>nnfs</code>, the course's small library, whose
results are checked against NumPy. The pages below are those notebooks, run from top to bottom{java}; every number
and plot on them comes from that run.</p>"""


def index_page(chapters_in_order, java_version, pdf):
    rows = "\n".join(
        f'  <li><a href="{c.page}">{html.escape(c.title)}</a>'
        f'<span class="book-summary">{inline_markdown(c.summary)}</span></li>'
        for c in chapters_in_order)
    pdf_sentence = (f' The whole book is also one PDF to print or hand out: <a href="{PDF_IN_BOOK}">{PDF_IN_BOOK}</a>.'
                    if pdf else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(BOOK_TITLE)}</title>
<link rel="stylesheet" href="{CSS_IN_BOOK}">
</head>
<body class="book-index">
{sidebar(chapters_in_order, None, pdf)}
<main>
<h1>{html.escape(BOOK_TITLE)}</h1>
{introduction(java_version)}
<p>To run and change the code yourself, download a chapter's notebook from the top of its page (the student edition
has the exercises without their solutions), or take the course's repository and follow its README:
<code>make book</code> rebuilds these pages, and <code>.venv/bin/jupyter lab notebooks/</code> opens the
notebooks.{pdf_sentence}</p>
<h2 id="contents">Contents</h2>
<ol class="book-contents-list">
{rows}
</ol>
</main>
{scripts()}
</body>
</html>
"""


# --- the PDF ----------------------------------------------------------------------------------------------------

def print_id(chapter, anchor):
    """An id of chapter `chapter` on the print page, where every chapter's ids live together."""
    return f"c{chapter.number:02d}-{anchor}"


def print_content(chapter, chapters_in_order):
    """A chapter's content for the print page: every id prefixed with the chapter, every link to a chapter page (or
    a heading on it) turned into a link inside the print page."""
    pages = {c.page: c for c in chapters_in_order}
    content = chapter.content
    content = re.sub(r'(<[a-zA-Z][^<>]*?\s)id="([^"]*)"',
                     lambda m: f'{m.group(1)}id="{html.escape(print_id(chapter, html.unescape(m.group(2))))}"',
                     content)

    def link(match):
        target, anchor = match.group(1), match.group(2)
        if not target:
            return f'href="#{html.escape(print_id(chapter, html.unescape(anchor)))}"'
        other = pages[target]
        if anchor:
            return f'href="#{html.escape(print_id(other, html.unescape(anchor)))}"'
        return f'href="#chapter-{other.number:02d}"'
    pattern = "|".join(re.escape(p) for p in pages)
    content = re.sub(rf'href="({pattern})?#([^"]*)"', link, content)
    content = re.sub(rf'href="({pattern})()"', link, content)
    return content


def print_page(chapters_in_order, head, java_version):
    """The whole book on one page, for Chromium to print: a title page, the contents (each entry a link, with a
    page number filled in after a first printing) and every chapter from a new page."""
    rows = "\n".join(
        f'<li><a href="#chapter-{c.number:02d}"><span class="book-print-title">{html.escape(c.title)}</span>'
        f'<span class="book-print-page" data-chapter="{c.number}"></span></a></li>' for c in chapters_in_order)
    chapters_html = "\n".join(
        f'<section class="book-print-chapter" id="chapter-{c.number:02d}">\n{print_content(c, chapters_in_order)}\n'
        f'</section>' for c in chapters_in_order)
    head = re.sub(r"<title>.*?</title>", f"<title>{html.escape(BOOK_TITLE)}</title>", head, count=1, flags=re.S)
    return f"""<!DOCTYPE html>
<html lang="en">
{head}
<body class="jp-Notebook book-print" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<section class="book-print-front">
<h1 class="book-print-book-title">{html.escape(BOOK_TITLE)}</h1>
{introduction(java_version)}
</section>
<section class="book-print-contents">
<h2>Contents</h2>
<ol>
{rows}
</ol>
</section>
<main>
{chapters_html}
</main>
</body>
</html>
"""


def chromium():
    """Debian's Chromium, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_possible():
    """Why the PDF cannot be printed here, or None when it can."""
    if not chromium():
        return "Chromium is not installed (apt-get install chromium; tools/setup.sh does it as root)"
    try:
        import playwright.sync_api  # noqa: F401
        import pypdf  # noqa: F401
    except ImportError as e:
        return f"{e.name} is missing from the Python environment (tools/setup.sh installs tools/requirements.txt)"
    return None


def is_local(url):
    return url.startswith(("file:", "data:", "blob:", "about:"))


def chapter_start_pages(pdf_bytes, titles):
    """The page number (1-based) on which each chapter title starts, read from the PDF's outline (Chromium makes one
    entry per heading)."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif item.title.strip() in titles and item.title.strip() not in pages:
                pages[item.title.strip()] = reader.get_destination_page_number(item) + 1
    walk(reader.outline)
    missing = [t for t in titles if t not in pages]
    if missing:
        raise BookError(f"the printed PDF's outline has no entry for {missing}")
    return pages


def print_pdf(page_path, pdf_path, chapters_in_order):
    """Prints the print page to pdf_path with headless Chromium, after MathJax typeset every formula; twice, the
    second time with the contents' page numbers taken from the first. Returns the number of pages."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader
    outside = []

    def route(request_route):
        if is_local(request_route.request.url):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.goto(page_path.as_uri(), wait_until="load", timeout=PRINT_SECONDS * 1000)
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                                   timeout=PRINT_SECONDS * 1000)
            page.evaluate("() => MathJax.startup.promise")
            errors = page.evaluate("() => Array.from(document.querySelectorAll('[data-mjx-error], merror'),"
                                   " e => e.getAttribute('data-mjx-error') || e.textContent).slice(0, 5)")
            if errors:
                raise BookError(f"MathJax could not typeset formulas of the print page: {errors}")
            page.evaluate("() => Promise.all(Array.from(document.images, i => i.decode().catch(() => null)))")
            first = page.pdf(**PDF_OPTIONS)
            titles = [c.title for c in chapters_in_order]
            starts = chapter_start_pages(first, titles)
            page.evaluate("""numbers => {
                for (const span of document.querySelectorAll('.book-print-page')) {
                    span.textContent = numbers[span.dataset.chapter];
                }
            }""", {str(c.number): starts[c.title] for c in chapters_in_order})
            pdf_path.write_bytes(page.pdf(**PDF_OPTIONS))
        finally:
            browser.close()
    if outside:
        raise BookError(f"printing the PDF tried to load from the network: {sorted(set(outside))[:5]}")
    return len(PdfReader(pdf_path).pages)


# --- the book -----------------------------------------------------------------------------------------------------

def editions_of(chapter, editions_dir):
    """The student and teacher editions of a chapter: the files tools/editions.py wrote into editions_dir/student
    and editions_dir/teacher, or, where one is missing, made now from the committed notebook the same way."""
    import nbformat
    import editions  # tools/editions.py
    made = {}
    source = None
    for kind in ("student", "teacher"):
        written = editions_dir / kind / chapter.source.name
        if written.is_file():
            made[kind] = nbformat.read(written, as_version=4)
            continue
        source = source or nbformat.read(chapter.source, as_version=4)
        made[kind] = (editions.student(source, chapter.source.name) if kind == "student"
                      else editions.teacher(source))
    return made


def build(notebooks_dir=NOTEBOOKS, executed_dir=EXECUTED, out=OUT, readme=README, root=ROOT, log=print,
          editions_dir=EDITIONS, book_settings=None, pdf=True):
    """Writes the book into `out` (replacing what was there) and returns the chapters it holds. With pdf=True the
    PDF is printed too, when Chromium is installed (otherwise a warning says why not, and no page links to it)."""
    import nbformat
    mathjax = MATHJAX_PACKAGE / MATHJAX_FILE
    minisearch = MINISEARCH_PACKAGE / MINISEARCH_FILE
    for library, path in (("MathJax", mathjax), ("MiniSearch", minisearch)):
        if not path.is_file():
            raise BookError(f"{library} is not installed ({path} is missing): run tools/setup.sh, which installs it "
                            f"with npm from tools/book/package-lock.json (npm is needed: e.g. 'apt-get install npm')")
    book_settings = settings() if book_settings is None else book_settings
    found = chapters(notebooks_dir, executed_dir, readme)
    why_no_pdf = pdf_possible() if pdf else "not asked for (--no-pdf)"
    if pdf and why_no_pdf:
        log(f"  warning: no PDF: {why_no_pdf}")

    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    for folder in ["mathjax", "search"] + [f"notebooks/{kind}" for kind in EDITION_KINDS]:
        (staging / folder).mkdir(parents=True)
    java_version = ""
    head = ""
    exporter = html_exporter()
    for index, chapter in enumerate(found):
        nb = nbformat.read(chapter.executed, as_version=4)
        java_version = java_version or nb.metadata.get("language_info", {}).get("version", "")
        book_copy = for_the_book(nb, root)
        page = chapter_page(exporter, book_copy, found, index, book_settings)
        chapter.sections = sections_of(page)
        chapter.content = content_of(page)
        head = head or page[page.index("<head>"):page.index("</head>") + len("</head>")]
        (staging / chapter.page).write_text(page.replace(SIDEBAR_MARK, sidebar(found, index, not why_no_pdf), 1),
                                            encoding="utf-8")
        notebooks_out = staging / "notebooks"
        nbformat.write(book_copy, notebooks_out / "executed" / chapter.source.name)
        for kind, edition in editions_of(chapter, editions_dir).items():
            nbformat.write(edition, notebooks_out / kind / chapter.source.name)
        stale = code_of(nbformat.read(chapter.source, as_version=4)) != code_of(nb)
        log(f"  {chapter.page}" + (f"  (warning: notebooks/{chapter.source.name} has changed since it was executed;"
                                     f" make book runs it again)" if stale else ""))
    (staging / "index.html").write_text(index_page(found, java_version, not why_no_pdf), encoding="utf-8")
    (staging / SEARCH_INDEX_IN_BOOK).write_text(search_index_script(search_documents(found)), encoding="utf-8")
    shutil.copyfile(mathjax, staging / MATHJAX_IN_BOOK)
    shutil.copyfile(MATHJAX_PACKAGE / "LICENSE", staging / "mathjax" / "LICENSE")
    shutil.copyfile(minisearch, staging / MINISEARCH_IN_BOOK)
    shutil.copyfile(MINISEARCH_PACKAGE / "LICENSE.txt", staging / "search" / "LICENSE")
    version = {name: json.loads((NODE_MODULES / name / "package.json").read_text())["version"]
               for name in ("mathjax", "minisearch")}
    (staging / "mathjax" / "README").write_text(
        f"MathJax {version['mathjax']} (https://www.mathjax.org), Apache License 2.0 (see LICENSE): typesets the "
        f"formulas.\n")
    (staging / "search" / "README").write_text(
        f"minisearch.js: MiniSearch {version['minisearch']} (https://github.com/lucaong/minisearch), MIT License (see "
        f"LICENSE): the book's search engine.\nindex.js: the book's sections, written by tools/book.py.\n")
    shutil.copyfile(ASSETS / CSS_IN_BOOK, staging / CSS_IN_BOOK)
    shutil.copyfile(ASSETS / SCRIPT_IN_BOOK, staging / SCRIPT_IN_BOOK)

    if not why_no_pdf:
        start = time.monotonic()
        print_path = staging / "print.html"
        print_path.write_text(print_page(found, head, java_version), encoding="utf-8")
        try:
            pages = print_pdf(print_path, staging / PDF_IN_BOOK, found)
        finally:
            print_path.unlink()
        log(f"  {PDF_IN_BOOK}: {pages} pages in {time.monotonic() - start:.0f} s")

    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=Path, default=EXECUTED, help="the executed notebooks (build/notebooks)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the book goes (build/book)")
    parser.add_argument("--no-pdf", action="store_true", help=f"only the pages, without {PDF_IN_BOOK}")
    args = parser.parse_args(argv)
    print(f"book -> {args.out}")
    try:
        found = build(executed_dir=args.notebooks.resolve(), out=args.out.resolve(), pdf=not args.no_pdf)
    except BookError as e:
        print(f"book: {e}", file=sys.stderr)
        return 1
    print(f"  index.html: {len(found)} chapters; open {args.out.resolve() / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
