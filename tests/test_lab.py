"""`make lab` serves the student's workspace, `make instructor-lab` the whole course: /lab answers 200
with the nbgrader and ipywidgets extensions on; nbgrader's instructor tools are disabled only in the
student's lab. Both run in a copy of the course, so this clone's work/ and release/ stay as they are."""
from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from .helpers import course_copy, free_port, make, stop_server

INSTRUCTOR_TOOLS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                    "@jupyter/nbgrader:course-list"}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def _serve(course, target: str, check) -> None:
    """Run ``make TARGET`` in ``course`` until /lab answers, then ``check(base url, page config)``."""
    port = free_port()
    flags = (f"--no-browser --port={port} --ServerApp.port_retries=0 --IdentityProvider.token= "
             f"--ServerApp.password=")
    proc = subprocess.Popen(make(course, target, LAB_FLAGS=flags), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        status, html = 0, ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and status != 200:
            assert proc.poll() is None, proc.stdout.read().decode()[-3000:]
            try:
                status, html = _get(f"{base}/lab")
            except OSError:
                time.sleep(0.5)
        assert status == 200
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', html, re.S).group(1))
        extensions = {e["name"] for e in config["federated_extensions"]}
        assert {"@jupyter/nbgrader", "@jupyter-widgets/jupyterlab-manager"} <= extensions
        check(base, config)
    finally:
        stop_server(proc)


@pytest.mark.slow
def test_make_lab_serves_the_workspace_and_instructor_lab_the_course(tmp_path):
    course = course_copy(tmp_path / "course")

    def student(base, config):
        assert INSTRUCTOR_TOOLS <= set(config["disabledExtensions"])
        with urllib.request.urlopen(f"{base}/", timeout=5) as response:  # where a browser opens
            assert response.geturl() == f"{base}/lab/tree/work"
        assert _get(f"{base}/lab/tree/" + "/".join(("work", "u00_numpy", "numpy_basics.ipynb")))[0] == 200
        settings = json.loads(_get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification")[1])
        properties = settings["schema"]["properties"]
        assert properties["fetchNews"]["default"] == "false" and properties["checkForUpdates"]["default"] is False
        status, css = _get(f"{base}/custom/custom.css")  # Validate's messages wrap
        assert status == 200 and "#validation-message pre" in css and "custom/custom.css" in _get(f"{base}/lab")[1]
        listing = json.loads(_get(f"{base}/api/contents/")[1])
        assert "gradebook.db" not in {c["name"] for c in listing["content"]}

    (course / "gradebook.db").write_text("")  # the instructor's, hidden from the student
    _serve(course, "lab", student)
    assert (course / "work" / "u00_numpy" / "numpy_basics.ipynb").exists()

    def instructor(base, config):
        assert not INSTRUCTOR_TOOLS & set(config.get("disabledExtensions", []))
        assert _get(f"{base}/formgrader/manage_assignments")[0] == 200

    _serve(course, "instructor-lab", instructor)
