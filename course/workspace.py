"""``course workspace``: the student's own copies of the released notebooks, in ``work/<unit>/``.

``release/`` is the instructor's build output and may be rewritten by any ``course build``; a
student works in ``work/`` (ignored by git), which this module fills and never overwrites:

- a released file with no copy in ``work/`` is copied there (notebooks with the local kernel's
  ``language_info``, so that opening and saving one changes nothing);
- a copy whose release has not changed is left alone;
- when the release changed, the new release is written beside the copy, as
  ``<name> (release YYYY-MM-DD).ipynb``, and the student is told; the copy is never touched, even
  one that looks unedited: it may be work done in ``release/`` before the workspace existed, which
  the first ``course workspace`` of ``make lab`` copies here before the build replaces it.

``work/.workspace.json`` records, for each copy, the hash of the release file it was made from,
and the releases already put beside it.
"""
from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from .build import file_hash, released_files
from .notebooks import LANGUAGE_INFO, course_root

WORK = "work"
RECORD = ".workspace.json"


def kernel_language_info() -> dict:
    """``language_info`` as ipykernel reports it for this interpreter (the course's kernel)."""
    major = sys.version_info[0]
    return {**LANGUAGE_INFO, "version": sys.version.split()[0],
            "codemirror_mode": {"name": "ipython", "version": major}, "pygments_lexer": f"ipython{major}"}


def student_copy(src: Path) -> bytes:
    """The bytes of a student's copy of the released file ``src``."""
    if src.suffix != ".ipynb":
        return src.read_bytes()
    import nbformat  # here: 2 s to import, needed only when a file is copied

    nb = nbformat.read(src, as_version=4)
    nb.metadata["language_info"] = kernel_language_info()
    return (nbformat.writes(nb) + "\n").encode()


def _beside(dst: Path, today: datetime.date) -> Path:
    """A free name beside ``dst`` for a newer release: ``<stem> (release <date>)<suffix>``."""
    for n in range(1, 1000):
        tag = f"release {today.isoformat()}" + (f" {n}" if n > 1 else "")
        path = dst.with_name(f"{dst.stem} ({tag}){dst.suffix}")
        if not path.exists():
            return path
    raise RuntimeError(f"no free name beside {dst}")


def update_workspace(root: Path | str | None = None, today: datetime.date | None = None) -> list[str]:
    """Bring ``work/`` up to date with ``release/`` as the module docstring says; return the
    messages for the student (one line each)."""
    root = course_root(root)
    today = today or datetime.date.today()
    work = root / WORK
    record_path = work / RECORD
    try:
        record = json.loads(record_path.read_text())
    except (OSError, ValueError):
        record = {}
    messages = []
    for unit in sorted(p for p in (root / "release").glob("u*") if p.is_dir()):
        for relative in released_files(unit):
            key = f"{unit.name}/{relative}"
            src, dst = unit / relative, work / unit.name / relative
            shown = f"{WORK}/{key}"
            released = file_hash(src)
            entry = record.get(key)
            if not dst.exists():
                data = student_copy(src)
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_bytes(data)
                record[key] = {"release": released, "beside": {}}
                messages.append(f"new: {shown}")
                continue
            if entry is None:  # a file the workspace did not write (or its record was lost)
                entry = record[key] = {"release": None, "beside": {}}
                if dst.read_bytes() == student_copy(src):
                    entry["release"] = released
            if entry["release"] == released:
                continue
            if released not in entry["beside"]:
                new = _beside(dst, today)
                new.write_bytes(student_copy(src))
                entry["beside"][released] = new.name
                messages.append(f"a newer release of {shown} is beside it: {new.relative_to(root)}. "
                                "Your copy is unchanged; move your answers over, or keep working in it.")
            elif (new := dst.with_name(entry["beside"][released])).exists():
                messages.append(f"reminder: {shown} is from an older release; the newer one is "
                                f"{new.relative_to(root)}")
    work.mkdir(exist_ok=True)
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return messages
