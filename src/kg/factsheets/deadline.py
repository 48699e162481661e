"""A time limit on computing and laying out one sheet, checked between steps.

A Python thread cannot be stopped from outside, so the work stops itself: every query and
every rendering step first asks the deadline whether time is left. The service turns
`SheetTimeout` into a 503, and a sheet that runs out of time frees its thread at the next
step instead of finishing a page nobody is waiting for.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class SheetTimeout(RuntimeError):
    """The sheet's time limit ran out (not a user error: the same request may work later)."""


@dataclass
class Deadline:
    seconds: float | None = None  # None: no limit (the command line)
    start: float = field(default_factory=time.monotonic)

    def check(self, step: str) -> None:
        if self.seconds is not None and time.monotonic() - self.start >= self.seconds:
            raise SheetTimeout(
                f"the fact sheet took longer than {self.seconds:g} s (stopped before {step})"
            )
