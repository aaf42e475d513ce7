"""Feedback math as MathML (course.feedback): formulas converted, code and escaped dollars kept."""
from __future__ import annotations

import re

from course import notebooks
from course.feedback import markdown_with_mathml

from .helpers import ROOT


def test_inline_and_display_formulas_become_mathml():
    out = markdown_with_mathml("The sigmoid $\\sigma(z)$ is\n\n$$\\sigma(z) = \\frac{1}{1 + e^{-z}}.$$\n")
    assert out.count("<math") == 2 and 'display="inline"' in out and 'display="block"' in out
    assert "$" not in out and "<mfrac>" in out


def test_code_escaped_dollars_and_markdown_signs_are_left_alone():
    out = markdown_with_mathml("Costs \\$5 and `x = $a$` in code.\n```\ny = $b$\n```\n$a_1 * b$")
    assert "\\$5" in out and "`x = $a$`" in out and "y = $b$" in out
    math = out[out.index("<math"):]
    assert not re.search(r">[^<]*[*_\\`][^<]*<", math), "markdown would read these as emphasis or code"


def test_every_formula_of_the_course_converts():
    kept = []
    for path in notebooks.source_notebooks(ROOT):
        for cell in notebooks.read_source(path).cells:
            if cell.cell_type == "markdown":
                out = re.sub(r"```.*?```|`[^`\n]*`", "", markdown_with_mathml(cell.source), flags=re.S)
                kept += [f"{path.stem}: {m}" for m in re.findall(r"(?<!\\)\$[^$\n]{1,60}", out)]
    assert not kept, kept[:10]
