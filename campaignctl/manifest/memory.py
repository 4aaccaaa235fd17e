"""Pausing the cyclic garbage collector while big acyclic trees are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic GC passes inside the block; reference counting still frees.

    Loading 10,000 ad sets builds millions of small, acyclic objects;
    generational passes over them made loading superlinear (measured 2-3x).
    Nests safely: only the outermost block re-enables the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
