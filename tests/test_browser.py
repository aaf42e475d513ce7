"""End to end in a real browser: released notebooks, solutions filled in, run in JupyterLab.

Headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it when missing) is driven by
Playwright's Python package pointed at that binary (no browser download). One test runs every
cell of u02's notebook and moves the explorer's "hidden units" slider. Then, for every unit with
an explorer, a fresh kernel runs only the setup cell, the cells the explorer cell needs (u01's
trained model; statements that draw other figures left out, so no pyplot figure comes first) and
the explorer cell, in a 1280 px wide page with the file browser open: the explorer must show an
image (never the text ``<Figure size ...>``), with every slider's value in view, and moving a
slider must change the image. Without Chromium or Playwright it skips, saying why.
"""
from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from course import notebooks

from .conftest import record_metric
from .helpers import ROOT, fill_answers, free_port, stop_server, wait_until_serving

CHROMIUM = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--no-proxy-server",
                 # no DNS look-ups at all (Chromium still tries a few Google hosts otherwise)
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
UNIT, NOTEBOOK = "u02_shallow_nn", "planar_classification"
# every notebook with an explorer (grep source/ for `_explorer(` and `optimizer_paths(`), and the
# label of the slider the test moves
EXPLORER_NOTEBOOKS = {
    "u01_logistic_regression": ("logistic_regression", "threshold"),
    "u02_shallow_nn": ("planar_classification", "hidden units"),
    "u04_practical": ("regularization", "λ (L2)"),
    "u05_optimization": ("optimizers", "beta1"),
    "u07_cnn": ("convolution", "stride"),
}
# a dropdown to change next, and what the status line must have shown meanwhile or after
DROPDOWN_CHANGES = {
    "u02_shallow_nn": ("dataset", "moons", "computing…"),            # retrains: the busy state
    "u05_optimization": ("surface", "bowl", "New surface, so its own settings: learning rate 0.18 → 0.1"),
}
EXPLORER_CALL = re.compile(r"widgets\.\w+_explorer\(|widgets\.optimizer_paths\(")
TIMEOUT_MS = 90_000
# JupyterLab user settings: no news or update checks, every cell in the DOM, no autosave.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run does this)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")



@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A private JupyterLab on a loopback port, serving a folder with the filled-in notebook."""
    base = tmp_path_factory.mktemp("lab")
    root, state = base / "root", base / "state"
    root.mkdir()
    for plugin, values in LAB_SETTINGS.items():
        path = state / "settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    for unit, (name, _) in {UNIT: (NOTEBOOK, None), **EXPLORER_NOTEBOOKS}.items():
        source = notebooks.read_source(ROOT / "source" / unit / f"{name}.py")
        release = notebooks.read_ipynb(ROOT / "release" / unit / f"{name}.ipynb")
        filled = fill_answers(release, source)
        if unit == UNIT:
            nbformat.write(filled, root / f"{name}.ipynb")
        nbformat.write(explorer_only(filled), root / f"{unit}_explorer.ipynb")
    port = free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"), "JUPYTER_CONFIG_DIR": str(state / "config")}
    jupyter = str(Path(sys.executable).parent / "jupyter")
    log = open(base / "server.log", "wb")
    proc = subprocess.Popen(
        [jupyter, "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
         "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root, env=env,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(proc, url, base / "server.log")
        yield url
    finally:
        stop_server(proc)
        log.close()


def _names(source: str) -> tuple[set[str], set[str]]:
    """The names a cell's code assigns or defines, and those it reads."""
    tree = ast.parse(notebooks.without_magics(source))
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
    return defined, used


def _without_figures(source: str) -> str:
    """The cell's top-level statements, less those that mention ``plots`` or ``plt``."""
    tree = ast.parse(source)
    kept = [node for node in tree.body if not {"plots", "plt"} & _names(ast.unparse(node))[1]]
    return source if len(kept) == len(tree.body) else "\n".join(ast.unparse(node) for node in kept)


def explorer_only(nb):
    """The notebook cut down to its setup cell, the cells its explorer cell needs, and that cell.

    A cell is needed when it defines a name the explorer cell (or another needed cell) reads;
    test cells are never needed. Statements that draw a figure are left out, so the explorer's is
    the first figure of the kernel.
    """
    code = [c for c in nb.cells if c.cell_type == "code"]
    at = next(i for i, c in enumerate(code) if EXPLORER_CALL.search(c.source))
    needed = _names(code[at].source)[1]
    kept = [code[at]]
    for cell in reversed(code[:at]):
        role = notebooks.cell_role(cell)
        if role == "test":
            continue
        source = cell.source if role == "setup" else _without_figures(cell.source)
        defined, used = _names(source)
        if role == "setup" or defined & needed:
            kept.insert(0, nbformat.v4.new_code_cell(source, metadata=cell.metadata))
            needed |= used
    trimmed = nbformat.v4.new_notebook(metadata=nb.metadata)
    trimmed.cells = kept
    return trimmed


def _dismiss(dialog) -> None:
    """Accept a kernel-selection dialog, dismiss any other one."""
    dialog = dialog.first
    header = dialog.locator(".jp-Dialog-header").inner_text().lower()
    dialog.locator(".jp-mod-accept" if "kernel" in header else ".jp-mod-reject").first.click()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def notebook_page(browser, lab: str, name: str, tmp_path: Path, width: int):
    """A page showing notebook ``name`` with its kernel idle: ``(page, panel, kernel status)``.

    Leaving the block checks that the page met no JavaScript error and reached no other host,
    and keeps a screenshot in ``tmp_path`` (``failure.png`` when the block failed).
    """
    expect = sync_api.expect
    expect.set_options(timeout=TIMEOUT_MS)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    foreign, page_errors = [], []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("request", lambda r: urlparse(r.url).hostname not in (None, "127.0.0.1", "localhost")
            and not r.url.startswith(("data:", "blob:")) and foreign.append(r.url))
    page.add_locator_handler(page.locator(".jp-Dialog"), _dismiss)
    try:
        page.goto(f"{lab}/lab/tree/{name}")
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        kernel = page.locator(f'#jp-main-statusbar .jp-StatusBar-TextItem[title="Change kernel for {name}"]')
        expect(kernel).to_have_text(re.compile(r"^(?!No Kernel).+ \| Idle$"))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")
        yield page, panel, kernel
        assert not foreign, f"the page tried to reach other hosts: {foreign}"
        assert not page_errors, f"JavaScript errors: {page_errors}"
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    except BaseException:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        print("screenshot:", tmp_path / "failure.png")
        raise
    finally:
        page.close()


def run_all(page, panel, kernel) -> int:
    """Run every cell of the notebook and wait until each has run and the kernel is idle."""
    prompts = panel.locator(".jp-CodeCell .jp-InputArea-prompt")
    n_code = prompts.count()
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    sync_api.expect(prompts).to_have_text([re.compile(r"^\[\d+\]:$")] * n_code)
    sync_api.expect(kernel).to_have_text(re.compile(r"\| Idle$"))
    return n_code


IMAGE_DIGEST = """async (img) => {
    const bytes = await (await fetch(img.src)).arrayBuffer();
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}"""
# every readout (slider value) and label inside its control, and every control inside the cell
CLIPPED = """(panel) => {
    const bad = [];
    const area = panel.querySelector(".jp-OutputArea-output .widget-vbox").getBoundingClientRect();
    for (const control of panel.querySelectorAll(".jp-OutputArea-output .widget-inline-hbox")) {
        const box = control.getBoundingClientRect();
        if (box.right > area.right + 1) bad.push(`control ends at ${box.right} > ${area.right}`);
        for (const part of control.querySelectorAll(".widget-readout, .widget-label")) {
            const r = part.getBoundingClientRect();
            if (part.scrollWidth > part.clientWidth + 1 || r.right > box.right + 1 || r.left < box.left - 1)
                bad.push(`${part.className} "${part.textContent}" clipped`);
        }
    }
    for (const out of panel.querySelectorAll(".jp-OutputArea-output"))
        if (out.scrollWidth > out.clientWidth + 1) bad.push("the output scrolls sideways");
    return bad;
}"""

# records every text the explorer's status line shows from now on (busy state, notes)
WATCH_STATUS = """(panel) => {
    window.courseStatusSeen = [];
    const record = () => { for (const label of panel.querySelectorAll(".widget-vbox > .widget-label"))
        window.courseStatusSeen.push(label.textContent); };
    new MutationObserver(record).observe(panel, {subtree: true, childList: true, characterData: true});
}"""




def wait_for_new_image(image, before: str, what: str) -> float:
    """Wait until the image's bytes differ from digest ``before``; the seconds it took."""
    start = time.monotonic()
    while image.evaluate(IMAGE_DIGEST) == before:
        assert time.monotonic() < start + TIMEOUT_MS / 1000, f"{what} did not change the image"
        time.sleep(0.2)
    return time.monotonic() - start


def slider(page, panel, label: str):
    return panel.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text=label))


@pytest.mark.slow
def test_explorer_slider_redraws_the_plot_in_jupyterlab(lab, browser, tmp_path):
    expect = sync_api.expect
    with notebook_page(browser, lab, f"{NOTEBOOK}.ipynb", tmp_path, width=1400) as (page, panel, kernel):
        assert run_all(page, panel, kernel) > 20
        expect(panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)
        expect(panel.locator(".jp-OutputArea-output").filter(has_text="Error")).to_have_count(0)
        hidden_units = slider(page, panel, "hidden units")
        expect(hidden_units).to_have_count(1)
        readout = hidden_units.locator(".widget-readout")
        image = panel.locator("img.widget-image")
        expect(readout).to_have_text("4")
        expect(image).to_have_count(1)
        for value in ("5", "6", "7"):  # the controls are disabled while it retrains: one step at a time
            before = image.evaluate(IMAGE_DIGEST)
            hidden_units.locator(".noUi-handle").press("ArrowRight")
            expect(readout).to_have_text(value)
            wait_for_new_image(image, before, "moving 'hidden units'")
            expect(readout).to_have_attribute("contenteditable", "true")
        expect(image).to_have_count(1)


@pytest.mark.slow
@pytest.mark.parametrize("unit", list(EXPLORER_NOTEBOOKS))
def test_explorer_shows_an_image_in_a_fresh_kernel(lab, browser, unit, tmp_path):
    """Setup cell, the cells it needs, the explorer cell; an image, readable controls, a redraw."""
    expect = sync_api.expect
    _, label = EXPLORER_NOTEBOOKS[unit]
    with notebook_page(browser, lab, f"{unit}_explorer.ipynb", tmp_path, width=1280) as (page, panel, kernel):
        page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
        expect(page.locator("#filebrowser")).to_be_visible()
        started = time.perf_counter()
        run_all(page, panel, kernel)
        image = panel.locator("img.widget-image")
        expect(image).to_have_count(1)
        expect(image).to_have_js_property("complete", True)
        seconds = time.perf_counter() - started
        assert image.evaluate("img => img.naturalWidth") > 400
        outputs = panel.locator(".jp-OutputArea-output")
        expect(outputs.filter(has_text="<Figure size")).to_have_count(0)
        expect(panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)
        expect(panel.locator(".jp-OutputArea-output img")).to_have_count(1)  # no static copy beside it
        assert panel.evaluate(CLIPPED) == []

        before = image.evaluate(IMAGE_DIGEST)
        moved = slider(page, panel, label)
        expect(moved).to_have_count(1)
        readout = moved.locator(".widget-readout")
        value = readout.inner_text()
        moved.locator(".noUi-handle").press("ArrowRight")
        expect(readout).not_to_have_text(value)
        redraw = wait_for_new_image(image, before, f"moving {label!r}")
        expect(panel.locator(".widget-label", has_text="computing…")).to_have_count(0)
        expect(outputs.filter(has_text="<Figure size")).to_have_count(0)
        expect(panel.locator(".jp-OutputArea-output img")).to_have_count(1)
        if unit in DROPDOWN_CHANGES:
            label, option, status = DROPDOWN_CHANGES[unit]
            panel.evaluate(WATCH_STATUS)
            before = image.evaluate(IMAGE_DIGEST)
            panel.locator(".widget-dropdown").filter(has=page.locator(".widget-label", has_text=label)) \
                .locator("select").select_option(option)
            page.wait_for_function("() => window.courseStatusSeen.some(s => s.includes('computing'))")
            expect(panel.locator(".widget-label", has_text="computing…")).to_have_count(0)
            page.wait_for_function("(text) => window.courseStatusSeen.some(s => s.includes(text))", arg=status)
            assert panel.locator("select").first.is_enabled()
            wait_for_new_image(image, before, f"choosing {option!r}")
        record_metric(f"browser: {unit} explorer shown, from Run All of its cells (s)", seconds)
        record_metric(f"browser: {unit} explorer redrawn after a slider step (s)", redraw)
