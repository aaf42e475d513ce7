"""What a student did, in a real browser: `make lab`, open a notebook in work/, save an answer, stop,
rebuild the release and run the workspace again: the answer is still there.

Runs in a copy of the course (``helpers.course_copy``), so this clone's release/ and work/ are never
touched. Also checks the student's lab: an unedited notebook is not "modified" once its kernel has
started and saving it changes no byte, no news pop-up, nbgrader's instructor tools absent.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import course_copy, free_port, make, stop_server, wait_until_serving
from .test_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, _dismiss, sync_api

UNIT, NAME = "u00_numpy", "numpy_basics"
ANSWER = "MY_ANSWER = 12345  # saved by the student"
# every cell in the DOM and no autosave, so that the test decides when the notebook is saved;
# the news settings are left alone: the student config must silence them by itself
SETTINGS = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
            "@jupyterlab/docmanager-extension/plugin": {"autosave": False}}


def _start_lab(course: Path, runtime: Path):
    port = free_port()
    flags = (f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
             "--IdentityProvider.token= --ServerApp.password= --LabApp.expose_app_in_browser=True")
    log = open(course / "make-lab.log", "wb")
    start = time.monotonic()
    proc = subprocess.Popen(make(course, "lab", LAB_FLAGS=flags), stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_until_serving(proc, url, course / "make-lab.log")
    return proc, url, time.monotonic() - start


@pytest.mark.slow
def test_an_answer_saved_in_the_workspace_survives_make_lab_and_a_rebuild(tmp_path):
    course = course_copy(tmp_path / "course")
    for plugin, values in SETTINGS.items():
        path = course / "jupyter" / "student" / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    mine = course / "work" / UNIT / f"{NAME}.ipynb"
    proc, url, startup = _start_lab(course, tmp_path / "runtime")
    print(f"make lab up to a serving JupyterLab: {startup:.1f} s")
    expect = sync_api.expect
    expect.set_options(timeout=TIMEOUT_MS)
    try:
        assert mine.exists(), "make lab did not make the student's copy"
        copied = mine.read_bytes()
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            page.add_locator_handler(page.locator(".jp-Dialog"), _dismiss)
            try:
                page.goto(f"{url}/lab/tree/" + "/".join(("work", UNIT, f"{NAME}.ipynb")))
                kernel = page.locator(f'#jp-main-statusbar .jp-StatusBar-TextItem[title="Change kernel for {NAME}.ipynb"]')
                expect(kernel).to_have_text(re.compile(r"^(?!No Kernel).+ \| Idle$"))
                page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:save')")
                app = "window.jupyterapp"
                assert page.evaluate(f"() => {app}.hasPlugin('@jupyter/nbgrader:validate-assignment')")
                for plugin in ("formgrader", "create-assignment", "course-list"):
                    assert not page.evaluate(f"() => {app}.hasPlugin('@jupyter/nbgrader:{plugin}')"), plugin

                # opened, kernel started: not modified; saved as is: the same bytes
                dirty = f"() => {app}.shell.currentWidget.context.model.dirty"
                assert not page.evaluate(dirty), "the notebook shows as modified on opening"
                page.evaluate(f"() => {app}.commands.execute('docmanager:save')")
                page.wait_for_function(f"() => !{app}.shell.currentWidget.context.model.dirty")
                time.sleep(1)
                assert mine.read_bytes() == copied, "saving an unedited notebook changed it"

                # the student's answer, typed into the first answer cell, then saved
                cell = page.locator(".jp-CodeCell").filter(has_text="raise NotImplementedError()").first
                cell.locator(".cm-content").click()
                page.keyboard.press("Control+a")
                page.keyboard.type(ANSWER)
                page.wait_for_function(dirty)
                page.evaluate(f"() => {app}.commands.execute('docmanager:save')")
                page.wait_for_function(f"() => !{app}.shell.currentWidget.context.model.dirty")
                deadline = time.monotonic() + 20
                while ANSWER not in mine.read_text():
                    assert time.monotonic() < deadline, "the answer never reached the file"
                    time.sleep(0.3)
                # Validate: every failing test cell, then the summary; long lines wrap
                page.remove_locator_handler(page.locator(".jp-Dialog"))
                page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .validate-button").first.click()
                message = page.locator("#validation-message")
                expect(message).to_contain_text("0 of 10 exercises pass. Still failing: ")
                expect(message).to_contain_text("Not checked yet: basic_sigmoid")
                wrap = message.locator("pre").last.evaluate("e => getComputedStyle(e).whiteSpace")
                assert wrap == "pre-wrap", wrap
                page.locator(".jp-Dialog .jp-mod-accept").first.click()
                toasts = page.locator(".Toastify__toast").filter(has_text=re.compile("news|update", re.I))
                assert toasts.count() == 0, toasts.all_inner_texts()
            except BaseException:
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
                raise
            finally:
                browser.close()
    finally:
        stop_server(proc)
    assert (mine.parent / ".ipynb_checkpoints").is_dir()  # JupyterLab's litter is in work/, ...
    assert not list((course / "release").rglob(".ipynb_checkpoints"))  # ... not in release/

    # what used to erase the answer: a new generate_assignment of the unit, then make lab's steps
    env = {**os.environ, "COURSE_ROOT": str(course)}
    subprocess.run([sys.executable, "-m", "course.cli", "build", "--force", UNIT], env=env, check=True,
                   capture_output=True)
    again = subprocess.run(make(course, "workspace"), env=env, check=True, capture_output=True, text=True)
    assert "released: " not in again.stdout, again.stdout
    assert ANSWER in mine.read_text()
    assert sorted(p.name for p in mine.parent.iterdir() if not p.name.startswith(".")) == [mine.name]
