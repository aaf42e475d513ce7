"""A progress line for long grading batches: done, failures, rate, time left.

On a terminal it is one line redrawn in place (at most a few times a second); in a log (stderr
not a terminal) a line is written at most every 30 s and once at the end, so a batch of
thousands of submissions never floods it.
"""
from __future__ import annotations

import sys
import time


class Progress:
    """``advance()`` once per finished submission; ``close()`` prints the summary line."""

    def __init__(self, total: int, stream=None, enabled: bool = True, every: float | None = None):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = every if every is not None else (0.2 if self.tty else 30.0)
        self.start = self.last = time.monotonic()
        self.closed = False

    def advance(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += bool(failed)
        now = time.monotonic()
        if self.enabled and now - self.last >= self.every and self.done < self.total:
            self.last = now
            self._write(self.line(now))

    def line(self, now: float | None = None) -> str:
        """``"graded 120/5000 (2 could not be graded), 3.1/s, about 26 min left"``."""
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        text = f"graded {self.done}/{self.total}"
        if self.failed:
            text += f" ({self.failed} could not be graded)"
        text += f", {rate:.2f}/s" if rate < 10 else f", {rate:.0f}/s"
        if 0 < self.done < self.total:
            text += f", about {_duration((self.total - self.done) / rate)} left"
        elif self.done == self.total:
            text += f", in {_duration(elapsed)}"
        return text

    def _write(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r" + text.ljust(78))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and not self.closed:
            self._write(self.line())
            if self.tty:
                self.stream.write("\n")
            self.closed = True


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
