"""Resource limits of one sandbox: memory and processes for the whole submission, and per process
limits on address space, file size, open files and CPU time.

The whole-submission limits use a control group where this process may create one: cgroup v2
(``memory.max``, ``pids.max`` in the unified hierarchy) or else cgroup v1's ``memory`` and ``pids``
controllers. Where neither can be written (an unprivileged user on most desktops), they fall back
to rlimits: ``RLIMIT_AS`` per process and ``RLIMIT_NPROC``. :func:`describe` says which applies.
"""
from __future__ import annotations

import os
import resource
import secrets
import signal
from dataclasses import dataclass
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class Limits:
    """What one submission may use."""

    memory_mib: int = 2048        # the whole submission (cgroup), or each process (rlimit)
    processes: int = 32           # processes and threads of the whole submission
    cpu_seconds: int = 600        # CPU time of each process
    file_mib: int = 16            # size of any file it writes
    open_files: int = 256


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK)


def _v2_parent() -> Path | None:
    controllers = CGROUP / "cgroup.controllers"
    if not controllers.is_file() or not {"memory", "pids"} <= set(controllers.read_text().split()):
        return None
    own = Path("/proc/self/cgroup").read_text().splitlines()
    relative = next((line.split("::", 1)[1] for line in own if line.startswith("0::")), None)
    parent = CGROUP / relative.lstrip("/") if relative else None
    return parent if parent is not None and _writable(parent) else None


def _v1_parents() -> tuple[Path, Path] | None:
    memory, pids = CGROUP / "memory", CGROUP / "pids"
    if _writable(memory) and _writable(pids) and (memory / "memory.limit_in_bytes").exists():
        return memory, pids
    return None


def _user_processes() -> int:
    """How many processes (threads included) this user runs now."""
    count, uid = 0, os.getuid()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                count += len(list((entry / "task").iterdir()))
        except OSError:
            continue
    return count


def describe() -> str:
    """Which mechanism limits memory and processes here."""
    if _v2_parent():
        return "cgroup v2 (memory.max and pids.max for the whole submission)"
    if _v1_parents():
        return "cgroup v1 (memory and pids controllers for the whole submission)"
    return "rlimits (RLIMIT_AS per process, RLIMIT_NPROC; no control group could be created)"


class Group:
    """A control group for one sandbox (or none, where rlimits have to do)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.folders: list[Path] = []
        self.user_processes = _user_processes()
        name = f"course-grade-{os.getpid()}-{secrets.token_hex(4)}"
        memory = limits.memory_mib * 2**20
        try:
            parent = _v2_parent()
            if parent is not None:
                folder = parent / name
                folder.mkdir()
                self.folders = [folder]
                (folder / "memory.max").write_text(str(memory))
                (folder / "memory.swap.max").write_text("0") if (folder / "memory.swap.max").exists() else None
                (folder / "pids.max").write_text(str(limits.processes))
            elif (v1 := _v1_parents()) is not None:
                self.folders = [v1[0] / name, v1[1] / name]
                for folder in self.folders:
                    folder.mkdir()
                (self.folders[0] / "memory.limit_in_bytes").write_text(str(memory))
                swap = self.folders[0] / "memory.memsw.limit_in_bytes"
                if swap.exists():
                    swap.write_text(str(memory))
                (self.folders[1] / "pids.max").write_text(str(limits.processes))
        except OSError:
            self.remove()
            self.folders = []

    @property
    def active(self) -> bool:
        return bool(self.folders)

    def preexec(self) -> None:
        """In the child, before exec: join the group, set the rlimits, restore default signals."""
        pid = str(os.getpid())
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(pid)
        limits = self.limits
        mib = 2**20
        settings = [(resource.RLIMIT_AS, limits.memory_mib * mib), (resource.RLIMIT_CPU, limits.cpu_seconds),
                    (resource.RLIMIT_FSIZE, limits.file_mib * mib), (resource.RLIMIT_NOFILE, limits.open_files),
                    (resource.RLIMIT_CORE, 0)]
        if not self.active and os.getuid() != 0:
            # RLIMIT_NPROC counts all of this user's processes: allow the ones running now
            settings.append((resource.RLIMIT_NPROC, self.user_processes + limits.processes))
        for which, value in settings:
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):
                pass
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)

    def peak_memory(self) -> int | None:
        """The most memory the group used, in bytes (None without a group)."""
        for name in ("memory.peak", "memory.max_usage_in_bytes"):
            for folder in self.folders:
                if (folder / name).exists():
                    return int((folder / name).read_text())
        return None

    def kill(self) -> None:
        """Kill every process still in the group."""
        for folder in self.folders:
            if (folder / "cgroup.kill").exists():
                (folder / "cgroup.kill").write_text("1")
                continue
            procs = folder / "cgroup.procs"
            for _ in range(20):
                pids = procs.read_text().split() if procs.exists() else []
                if not pids:
                    break
                for pid in pids:
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except (ProcessLookupError, ValueError, PermissionError):
                        pass

    def remove(self) -> None:
        for folder in self.folders:
            try:
                folder.rmdir()
            except OSError:
                pass
