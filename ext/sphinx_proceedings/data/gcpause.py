"""Pausing Python's cyclic garbage collector while a data load builds its objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, as it was before afterwards.

    Loading a large project builds hundreds of thousands of objects that live on (nodes, values,
    records) and hold no cycles; each batch of new objects makes the collector walk the growing
    heap again, which took a third of a cached load of 5,000 contributions.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
