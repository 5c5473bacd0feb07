"""The book at work in headless Chromium (Debian's, driven by Playwright as in tests/test_browser.py), offline.

The book is the one tests/test_book.py builds (once per session, from the notebooks the session executes). Every
request a page makes is routed here: anything that is not a file of the book (or data:/blob:/about:) fails the test.
Checked: a search for "Adam" lists chapter 6 and opening that hit scrolls to its section; every sidebar link of every
page leads to a page of the book and to an element on it; the sidebar is folded away on a narrow screen and opens
with its button; MathJax typesets the formulas; the PDF exists, has more than 100 pages and embeds the plots.
"""
import shutil

import pytest

import book  # tools/book.py
from test_book import PAGES, built_book

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 420, "height": 800}
SECONDS = 60


@pytest.fixture(scope="module")
def book_dir():
    return built_book()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed in this environment: run tools/setup.sh")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the site test needs Chromium: install Debian's package `chromium` (tools/setup.sh does so "
                    "when run as root or with password-less sudo)")
    with sync_playwright() as playwright:
        # Debian's Chromium, never a browser Playwright would download.
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=book.CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Offline:
    """A browser context whose every request is checked: book files go through, anything else is aborted and
    remembered (the test fails on it)."""

    def __init__(self, browser, viewport):
        self.outside = []
        self.context = browser.new_context(viewport=viewport)
        self.context.route("**/*", self.route)

    def route(self, request_route):
        url = request_route.request.url
        if book.is_local(url) or url.startswith(("http://localhost", "http://127.0.0.1")):
            request_route.continue_()
        else:
            self.outside.append(url)
            request_route.abort()

    def open(self, url):
        page = self.context.new_page()
        page.goto(url, wait_until="load", timeout=SECONDS * 1000)
        return page

    def close(self):
        self.context.close()
        assert not self.outside, f"requests left the machine: {sorted(set(self.outside))[:5]}"


@pytest.fixture
def wide(browser):
    offline = Offline(browser, WIDE)
    yield offline
    offline.close()


@pytest.fixture
def narrow(browser):
    offline = Offline(browser, NARROW)
    yield offline
    offline.close()


def typeset(page):
    """Waits until MathJax has typeset the page (book.js marks <body> then); the contents page has no MathJax."""
    page.wait_for_function("() => !(window.MathJax && MathJax.startup) || document.body.dataset.bookTypeset === 'true'",
                           timeout=SECONDS * 1000)


def test_search_for_adam_finds_chapter_6_and_jumps_there(book_dir, wide):
    page = wide.open((book_dir / "index.html").as_uri())
    page.fill("#book-search-input", "Adam")
    page.wait_for_selector("#book-search-results a", timeout=SECONDS * 1000)
    hits = page.eval_on_selector_all(
        "#book-search-results a",
        "links => links.map(a => ({href: a.getAttribute('href'), chapter: a.querySelector('.book-search-chapter')"
        ".textContent, section: a.querySelector('.book-search-section').textContent,"
        " snippet: a.querySelector('.book-search-snippet').textContent}))")
    in_chapter_6 = [h for h in hits if h["href"].startswith(PAGES[5] + "#")]
    assert in_chapter_6, f"no hit for 'Adam' in chapter 6: {hits[:5]}"
    hit = in_chapter_6[0]
    assert hit["chapter"].startswith("6. ") and hit["section"] and "adam" in hit["snippet"].lower()
    page.click(f"#book-search-results a[href='{hit['href']}']")
    page.wait_for_url(f"**/{PAGES[5]}#*", timeout=SECONDS * 1000)
    typeset(page)
    anchor = page.evaluate("() => location.hash.slice(1)")
    top = page.evaluate("id => (document.getElementById(id) || document.getElementById(decodeURIComponent(id)))"
                        ".getBoundingClientRect().top", anchor)
    assert -5 <= top <= WIDE["height"] / 2, f"section '{anchor}' is at {top}px, not scrolled into view"
    assert page.evaluate("() => window.scrollY") > 0


@pytest.mark.parametrize("page_name", ["index.html"] + PAGES)
def test_every_sidebar_link_resolves(book_dir, wide, page_name):
    page = wide.open((book_dir / page_name).as_uri())
    typeset(page)
    assert not page.query_selector_all("mjx-container [data-mjx-error], mjx-container merror"), "MathJax errors"
    links = page.eval_on_selector_all("#book-sidebar a", "links => links.map(a => a.href)")
    assert len(links) >= len(PAGES)
    targets = {}
    for href in links:
        target, _, fragment = href.partition("#")
        targets.setdefault(target, set()).add(fragment)
    for target, fragments in targets.items():
        if not target.endswith(".html"):
            # The PDF: a file of the book (opening it would start Chromium's own PDF viewer, not a page of ours).
            assert target.startswith("file:") and (book_dir / target.rpartition("/")[2]).is_file(), target
            continue
        other = page if target == page.url.partition("#")[0] else wide.open(target)
        assert other.title(), f"{target}: no page"
        for fragment in fragments - {""}:
            # As the browser finds a fragment's element: the id as written, else percent-decoded.
            assert other.evaluate("id => !!(document.getElementById(id) || document.getElementById("
                                  "decodeURIComponent(id)))", fragment), \
                f"{page_name}: sidebar link {target}#{fragment} leads to no element"
        if other is not page:
            other.close()


def test_current_section_is_highlighted_while_scrolling(book_dir, wide):
    page = wide.open((book_dir / PAGES[5]).as_uri())
    typeset(page)
    links = page.eval_on_selector_all(".book-toc-sections a", "links => links.map(a => a.hash.slice(1))")
    assert len(links) >= 3
    anchor = links[2]
    page.evaluate("id => (document.getElementById(id) || document.getElementById(decodeURIComponent(id)))"
                  ".scrollIntoView()", anchor)
    page.wait_for_selector(f".book-toc-sections a.book-toc-active[href='#{anchor}']", timeout=SECONDS * 1000)


def test_sidebar_collapses_on_a_narrow_screen(book_dir, narrow):
    page = narrow.open((book_dir / PAGES[0]).as_uri())
    sidebar = page.locator("#book-sidebar")
    toggle = page.locator(".book-sidebar-toggle")
    assert toggle.is_visible(), "no Contents button on a narrow screen"
    assert not sidebar.is_visible() or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0, \
        "the sidebar is not folded away on a narrow screen"
    toggle.click()
    page.wait_for_function("() => { const r = document.getElementById('book-sidebar').getBoundingClientRect();"
                           " return r.width > 0 && r.right > 0 && r.left >= -1; }", timeout=SECONDS * 1000)
    assert toggle.get_attribute("aria-expanded") == "true"


def test_the_pdf_has_every_chapter_and_the_plots(book_dir):
    from pypdf import PdfReader
    pdf = book_dir / book.PDF_IN_BOOK
    assert pdf.is_file(), f"{pdf} was not printed"
    reader = PdfReader(pdf)
    assert len(reader.pages) > 100, f"the PDF has only {len(reader.pages)} pages"
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 10, f"the PDF embeds only {images} images"
    text = "".join(reader.pages[i].extract_text() for i in range(min(4, len(reader.pages))))
    assert "6. Optimizers" in text, "no contents at the front of the PDF"
