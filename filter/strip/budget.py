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
from contextlib import _GeneratorContextManager, contextmanager
from types import FrameType


class StripTimeout(Exception):
    """Stripping one document took longer than its budget; the gate records an `error`."""

    kind = "strip.timeout"


def enforced() -> bool:
    """True when a budget can interrupt work here (main thread, POSIX signals)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Expired(BaseException):
    """Raised by the alarm. A BaseException, so the `except Exception` blocks inside trafilatura
    and lxml (which log "parsing failed" and carry on) cannot swallow it."""


@contextmanager
def time_budget(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise StripTimeout inside the block when it runs longer than `seconds`.

    After the first expiry the alarm repeats every 50 ms until the block is left, so even code
    that swallows every exception is interrupted again at its next Python bytecode.
    """
    if not seconds or seconds <= 0 or not enforced():
        yield
        return

    armed = [True]  # cleared first thing on the way out, so a late alarm is ignored

    def _expired(signum: int, frame: FrameType | None) -> None:
        # Never inside our own clean-up (this generator's except/finally, or contextlib handing
        # the exception to it): an alarm there would escape before the timer is cancelled, and
        # the next one would kill the process. The repeating timer tries again 50 ms later.
        if armed[0] and (frame is None or frame.f_code not in _CLEANUP_CODE):
            raise _Expired

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    except _Expired:
        armed[0] = False
        raise StripTimeout(
            f"stripping {what} took longer than its {seconds:g} s time budget"
        ) from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Frames in which the alarm must not raise (see `_expired`).
_CLEANUP_CODE = frozenset(
    {
        time_budget.__wrapped__.__code__,  # type: ignore[attr-defined]
        _GeneratorContextManager.__exit__.__code__,
    }
)
