"""`make lab` serves the course: /lab answers 200 with the nbgrader and ipywidgets extensions on."""
from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from .helpers import ROOT, free_port, stop_server



def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.slow
def test_make_lab_serves_the_course():
    port = free_port()
    flags = (f"--no-browser --port={port} --ServerApp.port_retries=0 --IdentityProvider.token= "
             f"--ServerApp.password=")
    # `-o build`: don't rebuild release/ here; test_release checks the committed one.
    proc = subprocess.Popen(["make", "-o", "build", "lab", f"LAB_FLAGS={flags}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
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
        assert _get(f"{base}/lab/tree/release/u00_numpy/numpy_basics.ipynb")[0] == 200
        assert _get(f"{base}/formgrader/manage_assignments")[0] == 200
    finally:
        stop_server(proc)
