"""A per-document time budget: a runaway extraction becomes an error, never a hang.

SIGALRM (a real-time interval timer) interrupts the Python code of trafilatura and lxml's
callbacks at the next bytecode, costs a few microseconds per document and needs no worker
process or copy of a 20 MB page. It only works in the main thread of a process; elsewhere the
budget is not enforced and `enforced()` says so, so a caller that runs strips in threads can
choose a process pool instead.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StripTimeout(Exception):
    """Stripping one document took longer than its budget; the gate records an `error`."""

    kind = "strip.timeout"


def enforced() -> bool:
    """True when a budget can interrupt work here (main thread, POSIX signals)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise StripTimeout inside the block when it runs longer than `seconds`."""
    if not seconds or seconds <= 0 or not enforced():
        yield
        return

    def _expired(signum: int, frame: FrameType | None) -> None:
        raise StripTimeout(f"stripping {what} took longer than its {seconds:g} s time budget")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
