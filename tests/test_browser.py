"""Every notebook runs in JupyterLab in a real browser, as a student runs it.

One JupyterLab server (the project's .venv, kernelspec `java`, serving notebooks/ on loopback) and one headless
Chromium (Debian's package, driven by Playwright) for all notebooks. For each notebook the test opens it, waits for
its kernel, clicks Run → Run All Cells in the menu bar, waits until every code cell has an execution count and the
kernel is idle, and then checks the page: no error output, the rendered plots (decoded <img> elements in the output
area), and the same key numbers as tests/notebook_expectations.py. A screenshot of each notebook, scrolled to its
first plot, goes to build/browser/NN-name.png, with the executed notebook as the browser holds it next to it. Then
File → Close and Shut Down Notebook, discarding the outputs, so the committed notebooks never change.

JupyterLab keeps its settings, workspaces and runtime files in build/browser/jupyter/, never in the home directory;
its log is build/browser/jupyterlab.log.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import notebooks
from notebook_expectations import EXPECTED
from test_notebooks import images_of, text_of

OUT = Path(notebooks.BUILD) / "browser"
JUPYTER_DIRS = OUT / "jupyter"
PATHS = notebooks.notebook_paths()

# Loopback only, so a fixed token is enough; it keeps the URLs in the log readable.
TOKEN = "nnfs-browser-test"
SERVER_START_SECONDS = 120
# The JVM kernel answers in 2-5 s on an idle machine, much later on a busy one.
KERNEL_START_SECONDS = 90
KERNEL_ATTEMPTS = 3
# Each notebook runs in well under two minutes on an idle machine; on a shared one (load 10 on two cores) chapter 8
# took over five.
RUN_SECONDS = 600
VIEWPORT = {"width": 1280, "height": 900}

# Settings a fresh user directory gets: no autosave (the committed notebooks must stay without outputs), no news
# or update checks (no network).
USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=30):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Lab:
    """A JupyterLab server on loopback, started from the project's environment and stopped with everything it ran."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = OUT / "jupyterlab.log"
        self.process = None

    def environment(self):
        dirs = {name: JUPYTER_DIRS / sub for name, sub in [
            ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("JUPYTERLAB_SETTINGS_DIR", "config/lab/user-settings")]}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        for plugin, values in USER_SETTINGS.items():
            settings = dirs["JUPYTERLAB_SETTINGS_DIR"] / f"{plugin}.jupyterlab-settings"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text(json.dumps(values, indent=2) + "\n")
        env = dict(os.environ, **{name: str(path) for name, path in dirs.items()})
        # The project's kernelspec `java` first, as tools/notebooks.py does (it set JUPYTER_PATH when imported).
        env["JUPYTER_PATH"] = os.environ["JUPYTER_PATH"]
        return env

    def start(self):
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={notebooks.NOTEBOOKS}", f"--IdentityProvider.token={TOKEN}",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            # The test reads the notebook's model (outputs, kernel state) from the page; it acts only through the UI.
            "--LabApp.expose_app_in_browser=True",
        ]
        OUT.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "w")
        # Its own process group, so that stopping it also ends any kernel it still runs.
        self.process = subprocess.Popen(command, cwd=notebooks.NOTEBOOKS, env=self.environment(), stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode} while starting; "
                                   f"{self.log_path}:\n{tail(self.log_path)}")
            try:
                status = self.api("status")
                if "started" in status:
                    return
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer on {self.url} within {SERVER_START_SECONDS} s; "
                           f"{self.log_path}:\n{tail(self.log_path)}")

    def api(self, path):
        request = urllib.request.Request(f"{self.url}/api/{path}", headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM: the server shuts its kernels down and exits; whatever is left of its group is then killed.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def lab():
    server = Lab()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def page(lab):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed in this environment: run tools/setup.sh (it installs the version "
                    "pinned in tools/requirements.txt)")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser test needs Chromium: install Debian's package `chromium` "
                    "(tools/setup.sh does so when run as root or with password-less sudo)")
    with sync_playwright() as playwright:
        # Debian's Chromium, never a browser Playwright would download.
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            tab = context.new_page()
            tab.goto(f"{lab.url}/lab?token={TOKEN}&reset")
            tab.wait_for_selector("#jp-main-dock-panel", timeout=SERVER_START_SECONDS * 1000)
            yield tab
        finally:
            browser.close()


# --- What the page shows -----------------------------------------------------------------------------------------

# The notebook in the main area: its path, its kernel's connection and execution state, and per code cell the
# execution count and whether its prompt shows it running or queued ([*]).
NOTEBOOK_STATE = """() => {
    const widget = window.jupyterapp.shell.currentWidget;
    if (!widget || !widget.content || !widget.context || !widget.sessionContext) return null;
    const kernel = widget.sessionContext.session ? widget.sessionContext.session.kernel : null;
    const cells = Array.from(widget.node.querySelectorAll('.jp-CodeCell'));
    return {
        path: widget.context.path,
        kernel: kernel ? kernel.name : null,
        connection: kernel ? kernel.connectionStatus : null,
        status: kernel ? kernel.status : null,
        dialog: document.querySelector('.jp-Dialog') ? document.querySelector('.jp-Dialog').innerText : null,
        prompts: cells.map(c => c.querySelector('.jp-InputPrompt').textContent.trim()),
        // The same from the notebook's model, which does not depend on what the page has drawn: per code cell its
        // execution count and whether it is running or queued.
        code: Array.from(widget.content.model.cells).filter(c => c.type === 'code')
            .map(c => ({count: c.executionCount, state: c.executionState,
                        error: c.outputs.toJSON().some(o => o.output_type === 'error')})),
    };
}"""

KERNEL_INFO = """async (seconds) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const info = await Promise.race([kernel.info, new Promise(r => setTimeout(() => r(null), seconds * 1000))]);
    return info ? info.language_info.name : null;
}"""

CURRENT_NOTEBOOK_JSON = "() => window.jupyterapp.shell.currentWidget.content.model.toJSON()"

# Plots as the page shows them: the <img> elements in the notebook's output areas that the browser decodes into a
# picture (decode() also waits for those that scrolled out of view before they were drawn).
RENDERED_IMAGES = """async () => {
    const images = Array.from(document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img'));
    const decoded = await Promise.all(images.map(img => img.decode().then(() => img.naturalWidth > 0, () => false)));
    return {shown: images.length, decoded: decoded.filter(Boolean).length};
}"""


def executed_notebook(page):
    """The notebook as the page holds it, outputs included, as an nbformat notebook."""
    data = page.evaluate(CURRENT_NOTEBOOK_JSON)
    for cell in data["cells"]:
        if cell.get("attachments", {}) is None:  # JupyterLab's model writes null for a cell without attachments
            del cell["attachments"]
    return nbformat.from_dict(data)


def state(page):
    return page.evaluate(NOTEBOOK_STATE)


def menu(page, top, item):
    """Clicks `item` in the menu bar's `top` menu, as a user does."""
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=item).first.click()


class KernelNotAnswering(Exception):
    """The notebook's kernel started but did not answer (or died) in time."""


def wait_for_kernel(page, name):
    """Waits until the notebook is open and its `java` kernel answers; raises KernelNotAnswering if not."""
    deadline = time.monotonic() + KERNEL_START_SECONDS
    seen = None
    dead_since = None
    while time.monotonic() < deadline:
        seen = state(page)
        if seen and seen["dialog"]:
            pytest.fail(f"{name}: JupyterLab shows a dialog instead of starting the kernel: {seen['dialog']!r}")
        if seen and seen["path"] == name and seen["connection"] == "connected":
            left = max(1.0, deadline - time.monotonic())
            language = page.evaluate(KERNEL_INFO, left)
            if language == "java":
                return
            raise KernelNotAnswering(f"{name}: the kernel did not answer within {KERNEL_START_SECONDS} s "
                                     f"(language {language!r}, state {state(page)}); the kernel start-up race "
                                     f"(kernel/src/main/java/nnfs/kernel/Launcher.java) or a busy machine; "
                                     f"see {OUT / 'jupyterlab.log'}")
        # A restart passes through "dead" for a moment; only a kernel that stays dead has failed.
        dead_since = (dead_since or time.monotonic()) if seen and seen["status"] == "dead" else None
        if dead_since and time.monotonic() - dead_since > 15:
            break
        time.sleep(0.5)
    raise KernelNotAnswering(f"{name}: the `java` kernel did not start within {KERNEL_START_SECONDS} s "
                             f"(last state: {seen}); see {OUT / 'jupyterlab.log'}:\n{tail(OUT / 'jupyterlab.log')}")


def start_kernel(page, name):
    """Waits for the kernel; one that does not answer is restarted from the Kernel menu, as a user would do, up to
    KERNEL_ATTEMPTS times in all. (Rarely, a start of rapaio-jupyter-kernel 3.0.1 never answers; the notebook
    executor retries such starts too.)"""
    for attempt in range(1, KERNEL_ATTEMPTS + 1):
        try:
            wait_for_kernel(page, name)
            return
        except KernelNotAnswering as e:
            if attempt == KERNEL_ATTEMPTS:
                pytest.fail(f"{e} (after {attempt} starts)")
            print(f"{name}: start {attempt} of the kernel did not answer; restarting it", file=sys.stderr)
            menu(page, "Kernel", "Restart Kernel")
            dialog = page.locator(".jp-Dialog")
            dialog.wait_for(timeout=10000)
            dialog.locator(".jp-Dialog-footer button", has_text="Restart").first.click()
            dialog.first.wait_for(state="detached", timeout=10000)


def wait_until_run(page, name):
    """Waits until the kernel is idle and the model has no cell running or queued: every cell ran, or the run stopped
    at an error. (The model, not the prompts drawn on the page, which may lag behind for cells out of view.)"""
    start = time.monotonic()
    seen = None
    started = False
    calm = 0
    while time.monotonic() < start + RUN_SECONDS:
        seen = state(page)
        if seen["status"] == "dead":
            pytest.fail(f"{name}: the kernel died while running the notebook; see {OUT / 'jupyterlab.log'}")
        running = sum(c["state"] == "running" for c in seen["code"])
        started = started or running > 0 or any(c["count"] is not None for c in seen["code"])
        if not started and time.monotonic() > start + 60:
            pytest.fail(f"{name}: Run All Cells started no cell within 60 s (prompts {seen['prompts']})")
        # Done: the kernel idle, no cell running or queued, and every cell run or one stopped at an error; seen three
        # times in a row, because between two cells the kernel is briefly idle too.
        finished = all(c["count"] is not None for c in seen["code"]) or any(c["error"] for c in seen["code"])
        calm = calm + 1 if started and seen["status"] == "idle" and running == 0 and finished else 0
        if calm >= 3:
            return seen
        time.sleep(1)
    pytest.fail(f"{name}: still running after {RUN_SECONDS} s ({running} cells running or queued, kernel "
                f"{seen['status']}, prompts on the page {seen['prompts']})")


def close_and_shut_down(page, lab, name):
    """File → Close and Shut Down Notebook; the outputs are discarded, the kernel is shut down."""
    menu(page, "File", "Close and Shut Down Notebook")
    for _ in range(3):  # the confirmation, then the question whether to save the changes
        dialog = page.locator(".jp-Dialog")
        try:
            dialog.wait_for(timeout=5000)
        except Exception:
            break
        buttons = dialog.locator(".jp-Dialog-footer button")
        labels = [b.strip() for b in buttons.all_inner_texts()]
        for wanted in ("Discard", "Don't Save", "Shut Down", "Close", "OK", "Ok"):
            if wanted in labels:
                buttons.nth(labels.index(wanted)).click()
                break
        else:
            pytest.fail(f"{name}: unexpected dialog while closing: {dialog.inner_text()!r}")
        dialog.first.wait_for(state="detached", timeout=10000)
    deadline = time.monotonic() + 30
    while lab.api("sessions") and time.monotonic() < deadline:
        time.sleep(0.5)
    sessions = lab.api("sessions")
    assert not sessions, f"{name}: the kernel still runs after closing the notebook: {sessions}"


def keep_evidence(page, screenshot):
    """A screenshot of the notebook, scrolled to its first plot when it has one."""
    first_plot = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img").first
    if first_plot.count():
        first_plot.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot))


def test_chromium_and_playwright_are_installed():
    """Clear failures for a machine that tools/setup.sh could not fully set up."""
    assert shutil.which("chromium"), ("the browser test needs Chromium: install Debian's package `chromium` "
                                      "(tools/setup.sh does so when run as root or with password-less sudo)")
    import playwright  # noqa: F401


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_runs_in_jupyterlab(path, lab, page):
    name = path.name
    committed = digest(path)
    page.goto(f"{lab.url}/lab/tree/{name}?reset")
    page.wait_for_selector(".jp-NotebookPanel", timeout=KERNEL_START_SECONDS * 1000)
    screenshot = OUT / f"{path.stem}.png"
    try:
        start_kernel(page, name)
        menu(page, "Run", "Run All Cells")
        seen = wait_until_run(page, name)

        nb = executed_notebook(page)
        nbformat.write(nb, OUT / name)
        errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"]
        assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        not_run = [i for i, cell in enumerate(code) if cell.execution_count is None]
        assert not not_run, f"{name}: code cells {not_run} have no execution count after Run All Cells"
        assert all(c["count"] is not None for c in seen["code"]), f"{name}: cells after the run: {seen['code']}"

        expected = EXPECTED[name[:2]]
        images = page.evaluate(RENDERED_IMAGES)
        assert images["decoded"] == images["shown"], f"{name}: the browser could not draw some plots: {images}"
        assert images["shown"] >= max(1, expected["images"]), \
            f"{name}: the page shows {images['shown']} plots, expected at least {max(1, expected['images'])}"
        assert images_of(nb) >= expected["images"]
        text = text_of(nb)
        for pattern in expected["text"]:
            assert re.search(pattern, text), f"{name}: no output in the browser matches {pattern!r}"
    except BaseException:
        # Keep what the page showed, and still close the notebook so the next one starts clean; the first failure
        # is the one reported.
        keep_evidence(page, screenshot)
        try:
            close_and_shut_down(page, lab, name)
        except BaseException as e:
            print(f"{name}: could not close the notebook after the failure: {e}", file=sys.stderr)
        raise
    keep_evidence(page, screenshot)
    close_and_shut_down(page, lab, name)
    assert digest(path) == committed, f"{name}: JupyterLab changed the committed notebook"
