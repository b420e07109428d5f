"""Incremental builds: re-read exactly the documents whose records changed."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import ProceedingsDomain
from .state import get_index


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated_by_data)


def _outdated_by_data(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                      removed: set[str]) -> list[str]:
    index = get_index(env)
    domain: ProceedingsDomain = env.get_domain("proc")  # type: ignore[assignment]
    outdated = []
    for docname, prints in domain.records.items():
        if docname in removed or docname in changed:
            continue
        if any(index.fingerprint(key) != fp for key, fp in prints.items()):
            outdated.append(docname)
    return outdated
