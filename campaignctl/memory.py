"""Pausing the cyclic garbage collector while big acyclic trees are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

PROMOTE_ABOVE = 500_000  # young objects: about 2,500 ad sets' worth


@contextmanager
def collector_paused(*, promote: bool = False) -> Iterator[None]:
    """No cyclic GC passes inside the block; reference counting still frees.

    Loading 10,000 ad sets builds millions of small, acyclic objects;
    generational passes over them made loading superlinear (measured 2-3x).
    With ``promote`` (whole-workspace loads) and more than ``PROMOTE_ABOVE``
    new container objects, every object alive on the way out is frozen
    (``gc.freeze``): left out of all later collections. Moving them to the
    oldest generation instead (``freeze`` + ``unfreeze``) was not enough: the
    collector does not count objects moved that way, so the next full
    collection came early and walked them all (0.9 s at 10,000 ad sets and
    20,000 ads, in the middle of reading the account). Frozen objects are
    still freed by reference counting; the trees hold no cycles. Small loads
    (every test) keep the usual generations, so their garbage cycles are
    collected young. Nests safely: only the outermost block acts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and promote and gc.get_count()[0] > PROMOTE_ABOVE:
            gc.freeze()
        if enabled:
            gc.enable()
