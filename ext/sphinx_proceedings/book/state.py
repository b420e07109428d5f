"""The model of the running build, loaded once in the main process at builder-inited.

Kept in a weak map keyed by the build environment (not as an attribute of
the environment, which is pickled, and not in a plain module global, which
would leak between builds and tests); forked parallel readers inherit it.
"""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.problems import Severity
from sphinx_proceedings.data.volume_plan import EventVolume, plan_volumes

logger = logging.getLogger(__name__)
_loaded: WeakKeyDictionary[BuildEnvironment, ProceedingsIndex] = WeakKeyDictionary()
# Loaded at config-inited (the .bib files sphinxcontrib-bibtex reads must exist before the
# environment does), handed to the environment at builder-inited.
_pending: WeakKeyDictionary[Sphinx, ProceedingsIndex] = WeakKeyDictionary()
_plans: WeakKeyDictionary[ProceedingsIndex, dict[str, EventVolume]] = WeakKeyDictionary()


def load_for_build(app: Sphinx) -> ProceedingsIndex:
    settings = read_config(app.config)
    root = Path(app.confdir)
    result = load_project(root / settings.data, root, cache=True)
    for problem in result.problems:
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        # Sphinx takes a location without a line (no ':') for a document's name, and has no documents yet.
        location: str | None = problem.location()
        if problem.line is None:
            message, location = f"{location}: {message}", None
        if problem.severity is Severity.error:
            logger.error(message, location=location, type="proceedings", subtype=str(problem.code))
        elif problem.severity is Severity.note:
            logger.info(message, location=location)
        else:
            logger.warning(message, location=location, type="proceedings", subtype=str(problem.code))
    index = ProceedingsIndex(result.proceedings, result.origins, root)
    _pending[app] = index
    return index


def bind_to_env(app: Sphinx) -> ProceedingsIndex:
    index = _pending.get(app) or load_for_build(app)
    _loaded[app.env] = index
    return index


def get_index(env: BuildEnvironment) -> ProceedingsIndex:
    """The model of the build ``env`` belongs to (loaded at builder-inited)."""
    return _loaded[env]


def volume_plans(index: ProceedingsIndex, config: Config) -> dict[str, EventVolume]:
    """Each event's printed volume (data/volume_plan.py), planned once per loaded model."""
    if index not in _plans:
        _plans[index] = plan_volumes(index, read_config(config).volume_layout)
    return _plans[index]
