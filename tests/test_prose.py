"""The expected values written in the notebooks' prose are what the solutions compute.

A markdown sentence that starts with the word ``Expected`` is an *expected-value statement*.
It holds one or more checks, each an inline code expression, the word ``is`` and an inline code
value, and may define names first::

    Expected: `sigmoid(np.array([1.0, 2.0, 3.0]))` is `array([0.73105858, 0.88079708, 0.95257413])`.
    Expected, with `yhat = np.array([.9, .2, .1, .4, .9])` and `y = np.array([1., 0., 0., 1., 1.])`:
    `L1(yhat, y)` is `1.1` and `L2(yhat, y)` is `0.43`.

The statement ends at the end of its sentence (a full stop followed by a space or a line end,
outside code and math) or of its paragraph. Every inline code span in it must be one of:

- a check's expression or value: ```expression` is `value```, with just ``is`` between them;
- a definition ``name = expression`` or ``a, b = expression``;
- a bare name that is defined: by a solution, or by a definition of this statement or of an
  earlier statement of the same notebook (``with `A`, `W` and `b` of exercise 3.1``).

Expressions are evaluated in a namespace made of ``np``, the notebook's setup cell and its
solution (answer) cells, after the definitions of the notebook's earlier statements and of the
statement itself, in order. Values are Python literals, with ``array([...])`` for NumPy
arrays (as NumPy prints them): numbers, ``True``/``False``, ``None``, strings, tuples, lists,
dicts. Types must match (a tuple is not a list, an int is not a float, an ``array`` of ints is
not an array of floats). A float matches to the digits shown: it may differ from the computed
value by half a unit of its last written digit; in an ``array`` every float counts as having as
many decimals as the longest one (NumPy drops trailing zeros: ``0.`` next to ``0.6`` means
``0.0``). Integers, booleans and strings match exactly.

A statement the test cannot read fails, so that no unchecked one slips in. The only way out is
an HTML comment right before the word, ``<!-- unchecked: why -->Expected ...`` (invisible in
JupyterLab): the statement is then reported as skipped with the reason.
"""
from __future__ import annotations

import ast
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from course import notebooks

MARKER = re.compile(r"\bExpected\b")
UNCHECKED = re.compile(r"<!--\s*unchecked:\s*(.*?)\s*-->\s*$", re.S)
SPAN = re.compile(r"`([^`]+)`|\$\$.*?\$\$|\$[^$\n]*\$", re.S)
SENTENCE_END = re.compile(r"\.(?=\s|$)|\n[ \t]*\n")
IS = re.compile(r"\s+is\s+")


@dataclass(frozen=True)
class Statement:
    """One expected-value statement: its notebook, its text and its tokens ``(kind, text)``.

    ``kind`` is ``"text"``, ``"code"`` (an inline code span, without backticks) or ``"math"``.
    """
    notebook: str
    text: str
    tokens: tuple
    unchecked: str | None = None


def tokens(markdown: str) -> list[tuple[str, str]]:
    """The markdown split into text, inline code spans and LaTeX math, in order."""
    out, at = [], 0
    for match in SPAN.finditer(markdown):
        out.append(("text", markdown[at:match.start()]))
        if match.group(1) is not None:
            out.append(("code", " ".join(match.group(1).split())))
        else:
            out.append(("math", match.group(0)))
        at = match.end()
    out.append(("text", markdown[at:]))
    return out


def find_statements(markdown: str, notebook: str) -> list[Statement]:
    """The expected-value statements of one markdown cell: from ``Expected`` to the sentence's end."""
    found, toks, i = [], tokens(markdown), 0
    while i < len(toks):
        kind, text = toks[i]
        start = MARKER.search(text) if kind == "text" else None
        if start is None:
            i += 1
            continue
        skip = UNCHECKED.search(text[:start.start()])
        body, rest = [], ("text", text[start.start():])
        while True:
            kind, text = rest
            end = SENTENCE_END.search(text) if kind == "text" else None
            if end is not None:
                body.append((kind, text[:end.end()].rstrip()))
                toks[i] = ("text", text[end.end():])  # the rest of the cell may hold another one
                break
            body.append(rest)
            i += 1
            if i == len(toks):
                break
            rest = toks[i]
        raw = "".join(f"`{t}`" if k == "code" else t for k, t in body)
        found.append(Statement(notebook, " ".join(raw.split()), tuple(body), skip.group(1) if skip else None))
    return found


@functools.cache
def notebook_statements(path: Path) -> tuple[Statement, ...]:
    """Every expected-value statement of a source notebook, in order."""
    nb = notebooks.read_source(path)
    name = f"{path.parent.name}/{path.stem}"
    return tuple(s for cell in nb.cells if cell.cell_type == "markdown"
                 for s in find_statements(cell.source, name))


@functools.cache
def solution_namespace(path: Path) -> dict:
    """``np``, the setup cell and the answer (solution) cells of a notebook, run from ``source/`` as grading does."""
    nb = notebooks.read_source(path)
    cwd = os.getcwd()
    os.chdir(path.parent.parent)  # where `course grade` runs the setup cell
    try:
        namespace, errors = notebooks.run_answer_cells(notebooks.setup_source(nb), notebooks.answer_sources(nb))
    finally:
        os.chdir(cwd)
    namespace.setdefault("np", np)
    return {"namespace": namespace, "errors": errors}


# ----------------------------------------------------------------------------- reading a statement

class Unreadable(Exception):
    """The statement does not follow the convention."""


def is_definition(code: str) -> bool:
    """Whether ``code`` is ``name = expression`` or ``name, other = expression``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign) or len(tree.body[0].targets) != 1:
        return False
    target = tree.body[0].targets[0]
    return isinstance(target, ast.Name) or (isinstance(target, ast.Tuple)
                                            and all(isinstance(e, ast.Name) for e in target.elts))


def parts(statement: Statement) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """``(definitions, references, checks)`` of a statement; raises :class:`Unreadable`."""
    definitions, references, checks = [], [], []
    toks, i = statement.tokens, 0
    while i < len(toks):
        kind, code = toks[i]
        if kind != "code":
            i += 1
            continue
        if i + 2 < len(toks) and toks[i + 1][0] == "text" and IS.fullmatch(toks[i + 1][1]) and toks[i + 2][0] == "code":
            checks.append((code, toks[i + 2][1]))
            i += 3
        elif is_definition(code):
            definitions.append(code)
            i += 1
        elif code.isidentifier():
            references.append(code)
            i += 1
        else:
            raise Unreadable(f"`{code}` is neither `name = expression`, a defined name, nor part of "
                             "`expression` is `value`")
    if not checks:
        raise Unreadable("no check of the form `expression` is `value`")
    return definitions, references, checks


# ----------------------------------------------------------------------------- written values

@dataclass(frozen=True)
class Written:
    """A written value: ``kind`` is "float", "int", "bool", "none", "str", "tuple", "list", "dict", "array"."""
    kind: str
    value: object = None
    tol: object = 0.0
    items: tuple = ()


def _decimals(text: str) -> int:
    """How many decimal places a float literal shows (``1.5e-3`` shows 4)."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return decimals - int(exponent or 0)


def _half_unit(decimals: int) -> float:
    return 0.5 * 10.0 ** -decimals


def _number(node: ast.AST, src: str) -> tuple[str, float, int | None] | None:
    """``(kind, value, decimals)`` of a (signed) number or boolean literal, else None."""
    sign, original = 1, node
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign, node = (-1 if isinstance(node.op, ast.USub) else 1), node.operand
    if not isinstance(node, ast.Constant):
        return None
    if isinstance(node.value, bool):
        return ("bool", node.value, None) if sign == 1 and node is original else None
    if isinstance(node.value, int):
        return "int", sign * node.value, None
    if isinstance(node.value, float):
        text = ast.get_source_segment(src, node)
        return ("float" if "e" in text.lower() else "plain"), sign * node.value, _decimals(text)
    return None


def _array(node: ast.AST, src: str) -> Written:
    """``array([...])``: values, dtype kind and per-entry tolerances."""
    def nested(n):
        if isinstance(n, (ast.List, ast.Tuple)):
            return [nested(e) for e in n.elts]
        number = _number(n, src)
        if number is None:
            raise Unreadable(f"`{ast.get_source_segment(src, n)}` in an array is not a number")
        return number
    try:
        flat = np.array(nested(node), dtype=object)
    except ValueError:
        flat = np.array(None)
    if flat.ndim == 0 or flat.shape[-1] != 3:
        raise Unreadable("not a rectangular, non-empty array")
    shape = flat.shape[:-1]
    cells = [tuple(e) for e in flat.reshape(-1, 3)]
    kinds = {c[0] for c in cells}
    if kinds == {"bool"}:
        kind = "b"
    elif kinds <= {"int"}:
        kind = "i"
    elif "bool" in kinds:
        raise Unreadable("an array mixing booleans and numbers")
    else:
        kind = "f"
    # NumPy prints every entry with the decimals of the longest one (0. beside 0.25 means 0.00)
    plain = max((c[2] for c in cells if c[0] == "plain"), default=None)
    tol = [_half_unit(c[2]) if c[0] == "float" else (_half_unit(plain) if kind == "f" and plain is not None else 0.0)
           for c in cells]
    values = np.array([c[1] for c in cells], dtype=bool if kind == "b" else float).reshape(shape)
    return Written("array", values, np.array(tol).reshape(shape), (kind,))


def written(node: ast.AST, src: str) -> Written:
    """The :class:`Written` value of a literal's syntax tree; raises :class:`Unreadable`."""
    number = _number(node, src)
    if number is not None:
        kind, value, decimals = number
        if kind in ("float", "plain"):
            return Written("float", value, _half_unit(decimals))
        return Written(kind, value)
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return Written("none" if node.value is None else "str", node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        return Written("tuple" if isinstance(node, ast.Tuple) else "list",
                       items=tuple(written(e, src) for e in node.elts))
    if isinstance(node, ast.Dict):
        keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
        if None in keys:
            raise Unreadable("dict keys must be literals")
        return Written("dict", items=tuple(zip(keys, (written(v, src) for v in node.values))))
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "array"
            and len(node.args) == 1 and not node.keywords):
        return _array(node.args[0], src)
    raise Unreadable(f"`{ast.get_source_segment(src, node)}` is not a literal value")


def parse_value(text: str) -> Written:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise Unreadable(f"`{text}` is not a Python literal: {error.msg}") from None
    return written(tree.body, text)


def mismatch(w: Written, got, where: str = "") -> str | None:
    """Why ``got`` differs from the written value, or None when it matches."""
    at = f" at {where}" if where else ""
    if w.kind == "float":
        if not isinstance(got, (float, np.floating)):
            return f"a float expected{at}, got {type(got).__name__}"
        return None if abs(got - w.value) <= w.tol * (1 + 1e-9) else f"{got!r} differs from {w.value!r}{at} by more than {w.tol:g}"
    if w.kind == "int":
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            return f"an int expected{at}, got {type(got).__name__}"
        return None if got == w.value else f"{got!r} instead of {w.value!r}{at}"
    if w.kind == "bool":
        if not isinstance(got, (bool, np.bool_)):
            return f"a bool expected{at}, got {type(got).__name__}"
        return None if bool(got) == w.value else f"{got!r} instead of {w.value!r}{at}"
    if w.kind in ("none", "str"):
        return None if (got is None if w.kind == "none" else got == w.value) else f"{got!r} instead of {w.value!r}{at}"
    if w.kind in ("tuple", "list"):
        if not isinstance(got, tuple if w.kind == "tuple" else list):
            return f"a {w.kind} expected{at}, got {type(got).__name__}"
        if len(got) != len(w.items):
            return f"length {len(got)} instead of {len(w.items)}{at}"
        return next((m for k, (i, g) in enumerate(zip(w.items, got)) if (m := mismatch(i, g, f"{where}[{k}]"))), None)
    if w.kind == "dict":
        if not isinstance(got, dict):
            return f"a dict expected{at}, got {type(got).__name__}"
        if set(got) != {k for k, _ in w.items}:
            return f"keys {sorted(got)} instead of {sorted(k for k, _ in w.items)}{at}"
        return next((m for k, i in w.items if (m := mismatch(i, got[k], f"{where}[{k!r}]"))), None)
    # array
    if not isinstance(got, np.ndarray):
        return f"an array expected{at}, got {type(got).__name__}"
    if got.shape != w.value.shape:
        return f"shape {got.shape} instead of {w.value.shape}{at}"
    kind = w.items[0]
    if got.dtype.kind not in {"f": "f", "i": "iu", "b": "b"}[kind]:
        return f"dtype {got.dtype} where the written array is {dict(f='float', i='int', b='bool')[kind]}{at}"
    bad = ~(np.abs(got - w.value) <= w.tol * (1 + 1e-9)) if kind != "b" else got != w.value
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return f"entry {list(index)}{at} is {got[index].item()!r}, written {w.value[index].item()!r}"
    return None


# ----------------------------------------------------------------------------- checking a statement

def statement_problems(path: Path, index: int) -> list[str]:
    """What is wrong with statement ``index`` of the notebook at ``path`` (empty when it is right)."""
    statements = notebook_statements(path)
    statement = statements[index]
    solutions = solution_namespace(path)
    namespace = dict(solutions["namespace"])
    head = f"{statement.notebook}: «{statement.text}»"
    try:
        definitions, references, checks = parts(statement)
        values = [parse_value(v) for _, v in checks]
    except Unreadable as error:
        return [f"{head}: cannot read it: {error}"]
    for definition in [d for earlier in statements[:index] for d in _readable_definitions(earlier)] + definitions:
        try:
            exec(definition, namespace)
        except Exception as error:  # noqa: BLE001  reported as a wrong statement
            return [f"{head}: `{definition}` raised {type(error).__name__}: {error}{_broken(solutions)}"]
    missing = [r for r in references if r not in namespace]
    if missing:
        return [f"{head}: `{missing[0]}` is defined by no earlier statement"]
    problems = []
    for (expression, text), value in zip(checks, values):
        try:
            got = eval(expression, namespace)
        except Exception as error:  # noqa: BLE001  reported as a wrong statement
            problems.append(f"{head}: `{expression}` raised {type(error).__name__}: {error}{_broken(solutions)}")
            continue
        why = mismatch(value, got)
        if why:
            with np.printoptions(precision=10):
                problems.append(f"{head}: `{expression}`\n  written:  {text}\n  computed: {got!r}\n  ({why})")
    return problems


def _broken(solutions: dict) -> str:
    return f"; the answer cells failed: {solutions['errors']}" if solutions["errors"] else ""


def _readable_definitions(statement: Statement) -> list[str]:
    try:
        return parts(statement)[0]
    except Unreadable:
        return []


def _cases():
    for path in notebooks.source_notebooks():
        for index, statement in enumerate(notebook_statements(path)):
            yield pytest.param(path, index, id=f"{statement.notebook}: {statement.text[:90]}")


CASES = list(_cases())


def test_the_notebooks_state_expected_values():
    assert len(CASES) >= 30, "the statements are no longer found: has the convention changed?"


@pytest.mark.parametrize("path,index", CASES)
def test_written_expected_value_is_computed(path, index):
    statement = notebook_statements(path)[index]
    if statement.unchecked is not None:
        pytest.skip(f"marked unchecked: {statement.unchecked}")
    problems = statement_problems(path, index)
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- the test can fail

def _altered_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of numpy_basics.py, in a unit folder of its own, with one written value changed."""
    source = notebooks.course_root() / "source" / "u00_numpy" / "numpy_basics.py"
    text = source.read_text()
    assert text.count(old) == 1, f"{old!r} should occur once in {source}"
    copy = tmp_path / "u00_numpy" / "numpy_basics.py"
    copy.parent.mkdir()
    copy.write_text(text.replace(old, new))
    return copy


@pytest.mark.parametrize("old,new,expression,written,computed", [
    ("`0.9525741268224334`", "`0.9525741268224335`", "basic_sigmoid(3.0)", "0.9525741268224335",
     "0.9525741268224334"),
    ("0.88079708, 0.95257413])`", "0.88079708, 0.95257414])`", "sigmoid(np.array([1.0, 2.0, 3.0]))",
     "array([0.73105858, 0.88079708, 0.95257414])", "0.9525741268"),
    ("is `(5, 3, 4)`", "is `[5, 3, 4]`", "broadcast_shape((5, 1, 4), (3, 1))", "[5, 3, 4]", "(5, 3, 4)"),
])
def test_a_wrong_written_value_is_reported(tmp_path, old, new, expression, written, computed):
    copy = _altered_copy(tmp_path, old, new)
    statements = notebook_statements(copy)
    index = next(i for i, s in enumerate(statements) if f"`{expression}`" in s.text)
    problems = statement_problems(copy, index)
    assert len(problems) == 1, problems
    message = problems[0]
    assert message.startswith(f"u00_numpy/numpy_basics: «{statements[index].text}»"), message
    assert f"written:  {written}" in message and "computed: " in message and computed in message, message


def test_an_unreadable_statement_fails(tmp_path):
    copy = _altered_copy(tmp_path, "`basic_sigmoid(3.0)` is `0.9525741268224334`",
                         "`basic_sigmoid(3.0)` gives `0.9525741268224334`")
    statements = notebook_statements(copy)
    index = next(i for i, s in enumerate(statements) if "basic_sigmoid(3.0)" in s.text)
    problems = statement_problems(copy, index)
    assert len(problems) == 1 and "cannot read it" in problems[0], problems


def test_a_statement_marked_unchecked_is_skipped(tmp_path):
    copy = _altered_copy(tmp_path, "# Expected: `basic_sigmoid(3.0)`",
                         "# <!-- unchecked: an example of the marker -->Expected: `basic_sigmoid(3.0)`")
    statements = notebook_statements(copy)
    marked = [s for s in statements if s.unchecked is not None]
    assert [s.unchecked for s in marked] == ["an example of the marker"]
    assert "basic_sigmoid(3.0)" in marked[0].text and "<!--" not in marked[0].text
    with pytest.raises(pytest.skip.Exception, match="an example of the marker"):
        test_written_expected_value_is_computed(copy, statements.index(marked[0]))
