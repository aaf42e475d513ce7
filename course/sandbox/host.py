"""Starting a worker under bubblewrap and talking to it, one exercise at a time.

The sandbox (``bwrap``) is: user ``nobody`` with no capabilities; a read-only root holding only
the interpreter, its libraries, the virtual environment's packages (any installed copy of
``course`` hidden), the notebook's stage and the data cache; a private ``/tmp``; its own network
(none), PID, IPC, UTS and cgroup namespaces; a new session; an empty environment; stdout and
stderr to size-capped files; killed with everything it started when the grader closes it or dies.
:mod:`.limits` adds memory, process, file-size, open-file and CPU limits.

Requests are written on the worker's stdin only when the previous exercise's answer has come
back, so a sandbox never holds more hidden inputs than the exercise it is running, nor the seed.
"""
from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from . import wire
from .limits import Group, Limits

WORKER = Path(__file__).with_name("worker.py")
INSTALL_HINT = ("course grade runs each submission under bubblewrap (bwrap), which is missing or "
                "cannot create a sandbox here. Install it: `sudo apt-get install bubblewrap` (Debian, "
                "Ubuntu), `sudo dnf install bubblewrap` (Fedora). For trusted notebooks only, "
                "`course grade --no-sandbox` runs without isolation.")
SANDBOX_DATA = "/data"
SANDBOX_STAGE = "/stage"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot run here."""


def bwrap_works() -> bool:
    """True if ``bwrap`` exists and can create the namespaces the sandbox uses."""
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                            "--uid", "65534", "--gid", "65534", "true"], capture_output=True)
    return probe.returncode == 0


def site_dirs() -> list[str]:
    """The folders of installed packages (NumPy, matplotlib, ...) the worker puts on its path."""
    paths = sysconfig.get_paths()
    return list(dict.fromkeys(p for p in (paths["purelib"], paths["platlib"]) if Path(p).is_dir()))


def _bwrap_command(stage: Path, data: Path | None, result_fd: int) -> list[str]:
    prefixes = dict.fromkeys(str(Path(p).resolve()) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix))
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
           "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL", "--hostname", "sandbox",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp"]
    for system in ("/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache"):
        cmd += ["--ro-bind-try", system, system]
    for prefix in prefixes:
        cmd += ["--ro-bind", prefix, prefix]
    for site in site_dirs():
        installed = Path(site) / "course"
        if installed.is_dir():  # a non-editable install would hold the references
            cmd += ["--tmpfs", str(installed.resolve())]
    cmd += ["--ro-bind", str(stage), SANDBOX_STAGE]
    if data is not None and data.is_dir():
        cmd += ["--ro-bind", str(data), SANDBOX_DATA]
    env = {"HOME": "/tmp", "MPLCONFIGDIR": "/tmp/mpl", "MPLBACKEND": "Agg", "COURSE_DATA_DIR": SANDBOX_DATA,
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "LANG": "C.UTF-8"}
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    return cmd + ["--", sys.executable, "-I", "-S", "-B", f"{SANDBOX_STAGE}/course/sandbox/worker.py",
                  str(result_fd), SANDBOX_STAGE, *site_dirs()]


class Sandbox:
    """One worker process for one submission's notebook. Use as a context manager.

    ``isolate=False`` runs the worker as a plain child process (limits still apply): for trusted
    notebooks only, e.g. where bubblewrap cannot run.
    """

    def __init__(self, stage: Path, limits: Limits = Limits(), isolate: bool = True, data: Path | None = None):
        if isolate and not bwrap_works():
            raise SandboxUnavailable(INSTALL_HINT)
        self.limits, self.group = limits, Group(limits)
        self.scratch = Path(tempfile.mkdtemp(prefix="course-grade-"))
        request_read, self.request = os.pipe()
        self.result, result_write = os.pipe()
        os.set_blocking(self.request, False)
        if isolate:
            cmd, env, cwd = _bwrap_command(stage, data, result_write), {}, None
        else:
            cmd = [sys.executable, "-I", "-S", "-B", str(WORKER), str(result_write), str(stage), *site_dirs()]
            env = {"HOME": str(self.scratch), "MPLCONFIGDIR": str(self.scratch / "mpl"), "MPLBACKEND": "Agg",
                   "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PATH": os.defpath}
            if data is not None:
                env["COURSE_DATA_DIR"] = str(data)
            cwd = self.scratch
        with open(self.scratch / "stdout", "wb") as out, open(self.scratch / "stderr", "wb") as err:
            self.process = subprocess.Popen(cmd, stdin=request_read, stdout=out, stderr=err, env=env, cwd=cwd,
                                            pass_fds=(result_write,), start_new_session=True,
                                            preexec_fn=self.group.preexec)
        os.close(request_read)
        os.close(result_write)
        self.reader = wire.Reader(self.result)

    def ask(self, message: dict, arrays: list = (), timeout: float = 60) -> tuple[dict, list]:
        """Send one request and wait for its answer, at most ``timeout`` seconds.

        Raises TimeoutError, EOFError (the worker died: a crash, a memory or CPU limit) or
        :class:`wire.WireError` (it answered something that is not plain data).
        """
        deadline = time.monotonic() + timeout
        data = memoryview(wire.pack(message, list(arrays)))
        while data:
            _, ready, _ = select.select([], [self.request], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError
            try:
                data = data[os.write(self.request, data):]
            except BrokenPipeError:
                raise EOFError from None
        return self.reader.read(deadline)

    def output(self, name: str = "stderr", limit: int = 2000) -> str:
        """The last characters the worker wrote to ``stdout`` or ``stderr``."""
        try:
            return (self.scratch / name).read_bytes()[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self) -> None:
        """Kill the worker and everything it started; remove its files."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.group.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.group.remove()
        for fd in (self.request, self.result):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
