"""Build the course's HTML book from the executed notebooks.

    python tools/book.py                          build/notebooks/*.ipynb  ->  build/book/
    python tools/book.py --notebooks DIR --out DIR

`make book` executes every notebook first (tools/notebooks.py --book) and then calls this; while writing a chapter,
run this alone to rebuild the pages from the notebooks executed last time, without starting the kernel again.

The book is a folder of static pages: index.html (title, introduction, contents with one line per chapter) and one
page per chapter with links to the previous and next chapter and back to the contents. Plots are PNG images inside
the pages, formulas are typeset by a copy of MathJax in the book's mathjax/ folder, and every link is relative, so
the folder reads the same opened from disk without a network or copied to any web server.
"""
import argparse
import copy
import html
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "build" / "notebooks"
OUT = ROOT / "build" / "book"
README = ROOT / "README.md"
ASSETS = Path(__file__).resolve().parent / "book"
TEMPLATES = ASSETS / "templates"
# MathJax comes from the npm package pinned in tools/book/package.json (tools/setup.sh installs it). The "full" SVG
# build is one self-contained file: every TeX extension inside, glyphs drawn as SVG paths, so no fonts to fetch.
MATHJAX_PACKAGE = ASSETS / "node_modules" / "mathjax"
MATHJAX_FILE = "es5/tex-svg-full.js"
MATHJAX_IN_BOOK = "mathjax/tex-svg-full.js"
CSS_IN_BOOK = "book.css"

BOOK_TITLE = "Neural Networks from Scratch — Java edition"

# Terminal colour codes (the Java kernel colours its `%jars` confirmation green): removed from the book's copy.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The absolute path by which the kernel names a file the notebook gave relative to notebooks/ (its `%jars` line).
KERNEL_ABSOLUTE_PATH = re.compile(r"(?<![\w.])/[^\s'\"<>]*?/notebooks/\.\./")
# A chapter row of the README's table: | 7 | L1 and L2 regularization | `notebooks/07-regularization.ipynb` |
README_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*`notebooks/([^`]+\.ipynb)`\s*\|\s*$")


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
    """A copy of an executed notebook with every output's text cleaned by clean_text."""
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


def html_exporter():
    """nbconvert's HTML exporter with the book's template (tools/book/templates/book)."""
    from nbconvert import HTMLExporter
    return HTMLExporter(template_name="book", extra_template_basedirs=[str(TEMPLATES)])


def chapter_page(exporter, nb, chapters_in_order, index):
    chapter = chapters_in_order[index]
    resources = {
        "metadata": {"name": chapter.title},
        "book": {"mathjax": MATHJAX_IN_BOOK, "css": CSS_IN_BOOK,
                 "nav_top": navigation(chapters_in_order, index, "top"),
                 "nav_bottom": navigation(chapters_in_order, index, "bottom")},
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def index_page(chapters_in_order, java_version):
    rows = "\n".join(
        f'  <li><a href="{c.page}">{html.escape(c.title)}</a>'
        f'<span class="book-summary">{inline_markdown(c.summary)}</span></li>'
        for c in chapters_in_order)
    java = f" on Java {html.escape(java_version.split('+')[0])}" if java_version else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(BOOK_TITLE)}</title>
<link rel="stylesheet" href="{CSS_IN_BOOK}">
</head>
<body class="book-index">
<main>
<h1>{html.escape(BOOK_TITLE)}</h1>
<p>How does a neural network learn? This course answers by building one, piece by piece, in Java: a layer of
neurons, activation functions, a loss, backpropagation, optimizers, regularization, and finally a model that
learns to tell apart photos of clothing. It follows the book <em>Neural Networks from Scratch in Python</em> by
Harrison Kinsley and Daniel Kukie&#322;a, one chapter of it per chapter here.</p>
<p>Each chapter is a Jupyter notebook: a short explanation with its formulas, then the Java code that does it,
then what that code printed and drew. The code runs on <code>nnfs</code>, the course's small library, whose
results are checked against NumPy. The pages below are those notebooks, run from top to bottom{java}; every number
and plot on them comes from that run.</p>
<p>To run and change the code yourself, take the course's repository and follow its README:
<code>make book</code> rebuilds these pages, and <code>.venv/bin/jupyter lab notebooks/</code> opens the
notebooks.</p>
<h2>Contents</h2>
<ol class="book-contents-list">
{rows}
</ol>
</main>
</body>
</html>
"""


def build(notebooks_dir=NOTEBOOKS, executed_dir=EXECUTED, out=OUT, readme=README, root=ROOT, log=print):
    """Writes the book into `out` (replacing what was there) and returns the chapters it holds."""
    import nbformat
    mathjax = MATHJAX_PACKAGE / MATHJAX_FILE
    if not mathjax.is_file():
        raise BookError(f"MathJax is not installed ({mathjax} is missing): run tools/setup.sh, which installs it "
                        f"with npm from tools/book/package-lock.json (npm is needed: e.g. 'apt-get install npm')")
    found = chapters(notebooks_dir, executed_dir, readme)

    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "mathjax").mkdir(parents=True)
    java_version = ""
    exporter = html_exporter()
    for index, chapter in enumerate(found):
        nb = nbformat.read(chapter.executed, as_version=4)
        java_version = java_version or nb.metadata.get("language_info", {}).get("version", "")
        page = chapter_page(exporter, for_the_book(nb, root), found, index)
        (staging / chapter.page).write_text(page, encoding="utf-8")
        stale = code_of(nbformat.read(chapter.source, as_version=4)) != code_of(nb)
        log(f"  {chapter.page}" + (f"  (warning: notebooks/{chapter.source.name} has changed since it was executed;"
                                     f" make book runs it again)" if stale else ""))
    (staging / "index.html").write_text(index_page(found, java_version), encoding="utf-8")
    shutil.copyfile(mathjax, staging / MATHJAX_IN_BOOK)
    shutil.copyfile(MATHJAX_PACKAGE / "LICENSE", staging / "mathjax" / "LICENSE")
    version = json.loads((MATHJAX_PACKAGE / "package.json").read_text())["version"]
    (staging / "mathjax" / "README").write_text(
        f"MathJax {version} (https://www.mathjax.org), Apache License 2.0 (see LICENSE): typesets the formulas.\n")
    shutil.copyfile(ASSETS / CSS_IN_BOOK, staging / CSS_IN_BOOK)

    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=Path, default=EXECUTED, help="the executed notebooks (build/notebooks)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the book goes (build/book)")
    args = parser.parse_args(argv)
    print(f"book -> {args.out}")
    try:
        found = build(executed_dir=args.notebooks.resolve(), out=args.out.resolve())
    except BookError as e:
        print(f"book: {e}", file=sys.stderr)
        return 1
    print(f"  index.html: {len(found)} chapters; open {args.out.resolve() / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
