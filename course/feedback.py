"""Feedback HTML whose math renders offline: LaTeX in markdown cells written as MathML.

nbgrader's feedback template loads MathJax from a CDN, so feedback opened offline shows raw
LaTeX. ``nbgrader_config.py`` instead renders feedback with the ``course_feedback`` template
(``course/templates/``: nbgrader's, without the MathJax script) after :class:`MathAsMathML`,
which converts each ``$...$`` and ``$$...$$`` of a markdown cell with ``latex2mathml``. MathML
is drawn by the browser itself (Chromium, Firefox, Safari), so the file needs nothing else,
wherever it is copied (``nbgrader fetch_feedback``).
"""
from __future__ import annotations

import re
from pathlib import Path

from latex2mathml.converter import convert
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

TEMPLATES = Path(__file__).parent / "templates"
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)  # fenced blocks and code spans: left alone
MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
TEXT = re.compile(r">([^<]+)<")
MARKDOWN_SIGNS = {"*": "&#42;", "_": "&#95;", "\\": "&#92;", "`": "&#96;", "$": "&#36;", "[": "&#91;", "]": "&#93;"}


def to_mathml(latex: str, display: bool) -> str:
    """``latex`` as one line of MathML, with nothing markdown would read as emphasis or code."""
    mathml = convert(latex.strip(), display="block" if display else "inline")
    protect = lambda m: ">" + "".join(MARKDOWN_SIGNS.get(ch, ch) for ch in m.group(1)) + "<"
    return TEXT.sub(protect, mathml.replace("\n", " "))


def markdown_with_mathml(source: str) -> str:
    """``source`` with the formulas outside code written as MathML (a formula that cannot be
    converted is left as it was)."""
    def formula(match):
        try:
            return to_mathml(match.group(1) or match.group(2), display=match.group(1) is not None)
        except Exception:  # noqa: BLE001  latex2mathml does not know the command: keep the LaTeX
            return match.group(0)
    parts = CODE.split(source)
    return "".join(part if i % 2 else MATH.sub(formula, part) for i, part in enumerate(parts))


class MathAsMathML(Preprocessor):
    """nbconvert step for ``generate_feedback``: markdown cells' LaTeX as MathML."""

    enabled = Bool(True).tag(config=True)  # nbconvert's preprocessors are off unless told otherwise

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = markdown_with_mathml(cell.source)
        return cell, resources
