"""Run Python's cycle collector less often while a book builds.

A build keeps everything it has read (the environment, the data, the bibliography) alive until it ends,
and CPython's collector walks all of that again at every full collection: at its default thresholds
that was a fifth of the CPU time of a 1,000-contribution build (12 s of 61 s, 17 full collections).
With the young generation collected every 20,000 allocations instead of 700 no full collection ran at
that size and the collector took 3 s, for about a sixth more peak memory (benchmarks/ prints both).
mypy does the same for the same reason. The thresholds are raised once the configuration is read,
before the environment and the data load, and put back when the build finishes (or when an application
that never built is let go of): a process that builds many books, or does other work too, keeps its
own. Thresholds set higher already are left as they are.

And when the process exits, CPython collects once more: it walks every object still alive to free the
cycles among them, memory the operating system takes back anyway. At N = 400 that was 2.2 s after the
build had finished (of 22 s in all). The first Sphinx application of a process registers an exit
handler that freezes every object first (``gc.freeze``: the collector no longer looks at them), much
as mypy leaves with ``os._exit``; until the interpreter starts shutting down the collector runs as
before. The price: finalizers of objects still caught in cycles at exit do not run, which Python
never promises.
"""

from __future__ import annotations

import atexit
import gc
import platform
import weakref

from sphinx.application import Sphinx
from sphinx.config import Config

BUILD_THRESHOLDS = (20_000, 20, 20)  # young objects, then young collections per older one, per full one
_SAVED = "_proceedings_gc_thresholds"  # on the app: the finalizer that puts the thresholds back
_exit_handler_registered = False


def setup_collector(app: Sphinx) -> None:
    if platform.python_implementation() == "CPython":  # the thresholds are CPython's
        app.connect("config-inited", _raise_thresholds, priority=0)  # before the environment and the data load
        app.connect("build-finished", _restore_thresholds, priority=1000)
        _skip_the_collection_at_exit()


def _skip_the_collection_at_exit() -> None:
    global _exit_handler_registered
    if not _exit_handler_registered:  # once per process, however many books it builds
        atexit.register(gc.freeze)
        _exit_handler_registered = True


def _raise_thresholds(app: Sphinx, config: Config) -> None:
    # Put back when the build finishes, or when the application is let go of without building (an
    # error in the data while it was set up): a finalizer runs once, whichever comes first.
    setattr(app, _SAVED, weakref.finalize(app, gc.set_threshold, *gc.get_threshold()))
    gc.set_threshold(*(max(ours, theirs) for ours, theirs in zip(BUILD_THRESHOLDS, gc.get_threshold(), strict=True)))


def _restore_thresholds(app: Sphinx, exception: BaseException | None) -> None:
    restore = getattr(app, _SAVED, None)
    if restore is not None:
        restore()
        delattr(app, _SAVED)
