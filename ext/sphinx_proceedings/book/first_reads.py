"""Nothing to forget for a document read for the first time.

Before it reads a document Sphinx has every domain forget what it holds of it. The standard domain
(labels, terms, objects, program options) answers by scanning everything it holds, for each document:
over a clean build of N pages that is N scans of entries that grow with N. py-spy put it at 1.5 % of
a 1,000-contribution build and 7.4 % of a 5,000-contribution one: most of what grew faster than N.

A document no earlier build read has nothing to forget unless something was registered for it before
its turn. What the domain holds when reading starts is scanned once; a new document none of it names
is not scanned for again. Entries that another document's reading registers for a page not read yet
are not looked for: Sphinx and the extensions the book uses (myst-parser, autosectionlabel) register
entries for the document being read only, and what stock Sphinx does with such entries already
depends on the build (a serial one drops them when the page's turn comes; a parallel one keeps them
when both pages were read by the same worker). A standard domain of another class (an extension's
override) forgets as it always does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

# The standard domain's entries; the first field of each names the document that defined it.
ENTRY_KINDS = ("progoptions", "objects", "terms", "labels", "anonlabels")


def setup_first_reads(app: Sphinx) -> None:
    # Late: after the listeners that add documents to read.
    app.connect("env-before-read-docs", _skip_forgetting_first_reads, priority=900)
    app.connect("env-updated", _forget_as_before)
    app.connect("build-finished", lambda app, exception: _forget_as_before(app, app.env))  # a read that failed


def _skip_forgetting_first_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _forget_as_before(app, env)  # an earlier read of this environment that did not finish
    domain = env.domains.standard_domain
    if type(domain).clear_doc is not StandardDomain.clear_doc:
        return  # another class's: it forgets as it always does
    # Made if missing, as the domain's clear_doc makes them (the environment pickles the same data).
    entries = [domain.data.setdefault(kind, {}) for kind in ENTRY_KINDS]
    if not all(isinstance(held, dict) for held in entries):
        return  # data of another shape: it forgets as it always does
    held = {entry[0] for kind in entries for entry in kind.values()}
    first_reads = {docname for docname in docnames if docname not in env.all_docs and docname not in held}
    if first_reads:
        # On the instance, for this read only: domains are not pickled with the environment.
        domain.clear_doc = ForgettingOnlyWhatIsHeld(domain.clear_doc, first_reads)  # type: ignore[method-assign]


def _forget_as_before(app: Sphinx, env: BuildEnvironment) -> None:
    domain = env.domains.standard_domain
    if isinstance(vars(domain).get("clear_doc"), ForgettingOnlyWhatIsHeld):
        del domain.clear_doc  # the class's own again


class ForgettingOnlyWhatIsHeld:
    """The domain's ``clear_doc``, skipped once for each document read for the first time."""

    def __init__(self, clear_doc: Callable[[str], Any], first_reads: set[str]) -> None:
        self.clear_doc = clear_doc
        self.first_reads = first_reads

    def __call__(self, docname: str) -> None:
        if docname in self.first_reads:
            self.first_reads.discard(docname)  # read now: from here on it may hold entries
            return
        self.clear_doc(docname)
