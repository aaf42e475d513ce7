"""The progress line of long grading batches: rare in a log, redrawn on a terminal, a summary at the end."""
from __future__ import annotations

import io

from course.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_in_a_log_it_writes_rarely_and_sums_up_at_the_end():
    log = io.StringIO()
    bar = Progress(5000, stream=log)
    for k in range(5000):
        bar.advance(failed=k % 1000 == 0)
    bar.close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 1  # 30 s between lines: a fast batch writes only its summary
    assert lines[0].startswith("graded 5000/5000 (5 could not be graded)") and " in " in lines[0]


def test_on_a_terminal_it_redraws_one_line_with_the_time_left():
    tty = Terminal()
    bar = Progress(10, stream=tty, every=0)
    for _ in range(4):
        bar.advance()
    assert tty.getvalue().count("\r") == 4 and "\n" not in tty.getvalue()
    assert "graded 4/10" in tty.getvalue() and "left" in tty.getvalue()
    bar.close()
    assert tty.getvalue().endswith("\n") and "graded 4/10" in tty.getvalue().splitlines()[-1].split("\r")[-1]


def test_it_can_be_silenced():
    log = io.StringIO()
    bar = Progress(3, stream=log, enabled=False)
    bar.advance()
    bar.close()
    assert log.getvalue() == ""
