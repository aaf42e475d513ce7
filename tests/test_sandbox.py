"""The grading sandbox from the inside: probes run as answer cells in a real bubblewrap sandbox.

Each probe is a function an attacking submission could define; the tests call it in the sandbox
through the same channel ``course grade`` uses and look at what it saw or did.
"""
from __future__ import annotations

import os
import socket
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from course import notebooks
from course.checks import REGISTRY
from course.grading import _adapter
from course.sandbox import wire
from course.sandbox.host import Sandbox, bwrap_works, site_dirs
from course.sandbox.limits import Limits
from course.sandbox.stage import build_stage, staged_files

from .helpers import ROOT

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap (bwrap) is missing or cannot run here; "
                                                          ".ci/run installs it")

SOURCE = ROOT / "source" / "u00_numpy" / "numpy_basics.py"
SECRETS = [ROOT / "source" / "u00_numpy" / "numpy_basics.py", ROOT / "course" / "nn" / "activations.py",
           ROOT / "course" / "checks" / "u00_numpy.py", ROOT / "nbgrader_config.py", ROOT / "README.md"]

PROBES = textwrap.dedent('''
    import os, socket, sys, time
    def can_read(paths):
        found = []
        for p in paths:
            try:
                with open(p, "rb") as f:
                    f.read(1)
                found.append(p)
            except OSError:
                pass
        return found
    def can_write(paths):
        done = []
        for p in paths:
            try:
                with open(p, "a") as f:
                    f.write("# changed by a submission\\n")
                done.append(p)
            except OSError:
                pass
        return done
    def identity():
        return (os.getuid(), os.getgid(), sorted(os.environ), len([p for p in os.listdir("/proc") if p.isdigit()]) < 10)
    def judge_modules():
        import course.checks, course.nn
        try:
            course.checks.REGISTRY["numpy.sigmoid"]
            registry = "readable"
        except Exception as error:
            registry = type(error).__name__
        try:
            from course.nn.activations import sigmoid
            sigmoid(1.0)
            reference = "callable"
        except Exception as error:
            reference = type(error).__name__
        return registry, reference, [m for m in list(sys.modules) if m.startswith("course.") and getattr(sys.modules[m], "__file__", None)]
    def connect(port):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.connect(("127.0.0.1", port))
            return "connected"
        except OSError as error:
            return type(error).__name__
    def leave_daemon(token, path):
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(3)
                try:
                    with open(path, "w") as f:
                        f.write(token)
                except OSError:
                    pass
                os._exit(0)
            os._exit(0)
        return "forked"
    def hog_in_children(n, mib):
        pids = []
        for _ in range(n):
            pid = os.fork()
            if pid == 0:
                try:
                    block = bytearray(mib * 2**20)
                    for i in range(0, len(block), 4096):
                        block[i] = 1
                    time.sleep(2)
                finally:
                    os._exit(0)
            pids.append(pid)
        return [os.waitpid(p, 0)[1] for p in pids]
    def fork_bomb():
        made = 0
        for _ in range(500):
            try:
                if os.fork() == 0:
                    time.sleep(5)
                    os._exit(0)
                made += 1
            except OSError:
                break
        return made
    def big_file():
        try:
            with open("/tmp/big", "wb") as f:
                for _ in range(64):
                    f.write(b"x" * 2**20)
            return "written"
        except OSError as error:
            return type(error).__name__
''')


@pytest.fixture(scope="module")
def stage(tmp_path_factory):
    source = notebooks.read_source(SOURCE)
    ids = notebooks.answer_ids(source)
    return build_stage(tmp_path_factory.mktemp("stage"), notebooks.setup_source(source),
                       [REGISTRY[i].reference for i in ids])


def _call(sandbox: Sandbox, name: str, *args, timeout: float = 30):
    tree, arrays = wire.encode([tuple(args)])
    reply, out = sandbox.ask({"op": "call", "exercise": name, "name": name, "calls": tree, "forbidden": [],
                              "adapter": None}, arrays, timeout=timeout)
    outcome = reply["outcomes"][0]
    assert outcome["error"] is None, outcome["error"]
    return wire.decode(outcome["value"], out)


def _open(stage, limits=Limits()) -> Sandbox:
    sandbox = Sandbox(stage, limits)
    setup = notebooks.setup_source(notebooks.read_source(SOURCE))
    reply, _ = sandbox.ask({"op": "start", "setup": setup, "answers": {"probe": PROBES}, "stubs": ["course"],
                            "forbidden": []}, timeout=60)
    assert reply == {"errors": {}, "setup_error": None}
    return sandbox


def test_stages_hold_no_reference_of_their_notebooks_exercises(tmp_path):
    """For every notebook: the stage has the student-side package and its given helpers, never the
    file of one of its exercises' references, the registry or the comparisons."""
    for path in notebooks.source_notebooks(ROOT):
        source = notebooks.read_source(path)
        ids = notebooks.answer_ids(source)
        folder = tmp_path / path.stem
        folder.mkdir()
        staged = staged_files(build_stage(folder, notebooks.setup_source(source), [REGISTRY[i].reference for i in ids]))
        assert not any(f.startswith(("course/checks", "course/grading", "course/widgets", "course/gradebook"))
                       for f in staged), staged
        for i in ids:
            file = Path(sys.modules[REGISTRY[i].reference.__module__].__file__).resolve()
            assert str(file.relative_to(ROOT)) not in staged, (path.stem, i)
        assert "course/data/__init__.py" in staged and "course/sandbox/worker.py" in staged


def test_the_sandbox_hides_the_course_and_runs_as_nobody(stage):
    with _open(stage) as sandbox:
        assert _call(sandbox, "can_read", [str(p) for p in SECRETS] + [str(ROOT / "gradebook.db")]) == []
        uid, gid, environ, few_processes = _call(sandbox, "identity")
        assert (uid, gid) == (65534, 65534) and few_processes
        assert "COURSE_HIDDEN_SEED" not in environ and len(environ) < 15, environ
        registry, reference, loaded = _call(sandbox, "judge_modules")
        assert registry in ("RuntimeError", "TypeError") and reference == "RuntimeError"
        assert not any(m.startswith(("course.checks", "course.nn")) for m in loaded), loaded


def test_nothing_outside_the_sandbox_can_be_written(stage):
    targets = [ROOT / "source" / "u00_numpy" / "numpy_basics.py", ROOT / "course" / "nn" / "activations.py",
               Path(site_dirs()[0]) / "evil.pth", stage / "course" / "data" / "__init__.py"]
    before = {p: p.read_bytes() if p.exists() else None for p in targets}
    with _open(stage) as sandbox:
        assert _call(sandbox, "can_write", [str(p) for p in targets]) == []
    assert {p: p.read_bytes() if p.exists() else None for p in targets} == before


def test_no_connection_leaves_the_sandbox(stage):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    server.settimeout(6)
    thread = threading.Thread(target=lambda: accepted.append(_accept(server)))
    thread.start()
    try:
        with _open(stage) as sandbox:
            assert _call(sandbox, "connect", server.getsockname()[1]) in ("ConnectionRefusedError", "OSError",
                                                                            "TimeoutError")
    finally:
        thread.join()
        server.close()
    assert accepted == [None]


def _accept(server):
    try:
        connection, _ = server.accept()
        connection.close()
        return "accepted"
    except OSError:
        return None


def test_nothing_outlives_the_sandbox(stage, tmp_path):
    token = f"daemon-{os.getpid()}-{time.time_ns()}"
    with _open(stage) as sandbox:
        assert _call(sandbox, "leave_daemon", token, "/tmp/marker") == "forked"
    time.sleep(4)
    alive = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).startswith(sys.executable)
             and "worker.py" in _cmdline(p) and "/stage" in _cmdline(p)]
    assert alive == []


def _cmdline(p: Path) -> str:
    try:
        return (p / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_memory_and_processes_are_limited_for_the_whole_submission(stage):
    limits = Limits(memory_mib=1024, processes=24)
    with _open(stage, limits) as sandbox:
        if not sandbox.group.active:
            pytest.skip("no control group can be created here: rlimits limit each process only")
        try:
            _call(sandbox, "hog_in_children", 4, 400, timeout=60)  # 1.6 GB in four processes
        except EOFError:
            pass  # the memory limit killed the worker itself: fine too
        peak = sandbox.group.peak_memory()
        assert peak is not None and peak <= 1024 * 2**20, peak
    with _open(stage, limits) as sandbox:
        assert _call(sandbox, "fork_bomb", timeout=60) < 24


def test_files_are_size_capped(stage):
    with _open(stage) as sandbox:
        assert _call(sandbox, "big_file") == "OSError"


def test_the_linear_classifier_helpers_are_sent_only_at_its_turn():
    """The one exercise whose adapter needs course losses gets them last, after the others."""
    needing = [i for i, e in REGISTRY.items() if _adapter(e)["adapter"]]
    assert needing == ["linear_classifiers.LinearClassifier"]
    source = notebooks.read_source(ROOT / "source" / "u06_linear_classifiers" / "linear_classifiers.py")
    assert notebooks.answer_ids(source)[-1] == needing[0]


def test_the_wire_refuses_what_is_not_data():
    tree, arrays = wire.encode({"a": (1, 2.5, np.float64(3.0), np.arange(3), complex(1, 2), None, [True])})
    value = wire.decode(tree, arrays)
    assert value["a"][2].__class__ is np.float64 and value["a"][4] == complex(1, 2)
    for bad in ({"pickle": 1}, {"array": 5}, {"dict": [[[1], 2]]}, [1, 2], {"list": [{"x": 1}]}):
        with pytest.raises(wire.WireError):
            wire.decode(bad, arrays)
    with pytest.raises(wire.NotData):
        wire.encode(object())
    with pytest.raises(wire.NotData):
        wire.encode(np.array([object()]))
    with pytest.raises(wire.WireError):
        wire.unpack_arrays(b"not an npz", 1)
