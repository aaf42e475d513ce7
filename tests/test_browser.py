"""End to end in a real browser: u02's released notebook, solutions filled in, run in JupyterLab.

Headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it when missing) is driven by
Playwright's Python package pointed at that binary (no browser download). The test runs every
cell, moves the explorer's "hidden units" slider and waits for the plot to change. Without
Chromium or Playwright it skips, saying why.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from course import notebooks

from .helpers import ROOT, fill_answers, free_port, stop_server, wait_until_serving

CHROMIUM = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--no-proxy-server",
                 # no DNS look-ups at all (Chromium still tries a few Google hosts otherwise)
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
UNIT, NOTEBOOK = "u02_shallow_nn", "planar_classification"
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
    source = notebooks.read_source(ROOT / "source" / UNIT / f"{NOTEBOOK}.py")
    release = notebooks.read_ipynb(ROOT / "release" / UNIT / f"{NOTEBOOK}.ipynb")
    nbformat.write(fill_answers(release, source), root / f"{NOTEBOOK}.ipynb")
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


def _dismiss(dialog) -> None:
    """Accept a kernel-selection dialog, dismiss any other one."""
    dialog = dialog.first
    header = dialog.locator(".jp-Dialog-header").inner_text().lower()
    dialog.locator(".jp-mod-accept" if "kernel" in header else ".jp-mod-reject").first.click()


@pytest.mark.slow
def test_explorer_slider_redraws_the_plot_in_jupyterlab(lab, tmp_path):
    expect = sync_api.expect
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        foreign, page_errors = [], []
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        page.on("request", lambda r: urlparse(r.url).hostname not in (None, "127.0.0.1", "localhost")
                and not r.url.startswith(("data:", "blob:")) and foreign.append(r.url))
        page.add_locator_handler(page.locator(".jp-Dialog"), _dismiss)
        try:
            page.goto(f"{lab}/lab/tree/{NOTEBOOK}.ipynb")
            panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            kernel = page.locator(f'#jp-main-statusbar .jp-StatusBar-TextItem[title="Change kernel for {NOTEBOOK}.ipynb"]')
            expect(kernel).to_have_text(re.compile(r"^(?!No Kernel).+ \| Idle$"))
            prompts = panel.locator(".jp-CodeCell .jp-InputArea-prompt")
            n_code = prompts.count()
            assert n_code > 20

            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            expect(prompts).to_have_text([re.compile(r"^\[\d+\]:$")] * n_code)
            expect(kernel).to_have_text(re.compile(r"\| Idle$"))
            expect(panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)
            expect(panel.locator(".jp-OutputArea-output").filter(has_text="Error")).to_have_count(0)

            slider = panel.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text="hidden units"))
            expect(slider).to_have_count(1)
            readout = slider.locator(".widget-readout")
            image = panel.locator(".widget-output .jp-RenderedImage img")
            expect(readout).to_have_text("4")
            expect(image).to_have_count(1)
            before = image.get_attribute("src")
            for _ in range(3):
                slider.locator(".noUi-handle").press("ArrowRight")
            expect(readout).to_have_text("7")
            expect(image).not_to_have_attribute("src", before)
            expect(image).to_have_count(1)
            assert image.get_attribute("src").startswith("data:image/png;base64,")
            assert not foreign, f"the page tried to reach other hosts: {foreign}"
            assert not page_errors, f"JavaScript errors: {page_errors}"
        except BaseException:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
