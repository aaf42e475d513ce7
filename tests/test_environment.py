"""environment.yml lists the same packages and versions as pyproject.toml."""
from __future__ import annotations

import re

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib

from .helpers import ROOT


def _pins(lines):
    return {re.split(r"[=<>!~]", line)[0].strip().lower(): line.strip() for line in lines}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + [d for extra in project["optional-dependencies"].values()
                                              for d in extra]
    yml = (ROOT / "environment.yml").read_text()
    listed = [m.group(1) for m in re.finditer(r"^\s+- ([A-Za-z0-9_.\-\[\]]+[=<>!~].*)$", yml, re.M)
              if not m.group(1).startswith("python")]
    assert _pins(listed) == _pins(wanted)


def test_direct_dependencies_are_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dep in project["dependencies"]:
        assert "==" in dep, f"{dep} is not pinned"
