"""Incremental builds: re-read exactly the documents whose records changed."""

from __future__ import annotations

import contextlib
import os
import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.domain import ProceedingsDomain
from sphinx_proceedings.book.state import get_index

# Documents removed since the last build, from Sphinx's comparison of the sources with its environment.
_REMOVED: weakref.WeakKeyDictionary[Sphinx, set[str]] = weakref.WeakKeyDictionary()


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated_by_data)
    app.connect("env-get-updated", _rewritten_for_titles)
    app.connect("build-finished", _remove_stale_outputs)


def _outdated_by_data(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    _REMOVED[app] = set(removed)
    index = get_index(env)
    domain: ProceedingsDomain = env.get_domain("proc")  # type: ignore[assignment]
    outdated = []
    for docname, prints in domain.records.items():
        if docname in removed or docname in changed:
            continue
        if any(index.fingerprint(key) != fp for key, fp in prints.items()):
            outdated.append(docname)
    return outdated


def _rewritten_for_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose links show a title that has changed: written again, with the new title, without re-reading."""
    index = get_index(env)
    domain: ProceedingsDomain = env.get_domain("proc")  # type: ignore[assignment]
    stale = []
    for docname, shown in domain.titles.items():
        current = {key: index.display(*key.split(":", 1)) for key in shown}
        if current != shown:
            shown.update(current)
            stale.append(docname)
    return stale


def _remove_stale_outputs(app: Sphinx, exception: Exception | None) -> None:
    """Delete what earlier builds published for documents, images and downloads that are gone (a deleted talk).

    Sphinx writes a page, its ``_sources`` copy, its images and its downloads, but never deletes them; a
    build that starts from the previous book (staging.py) would publish them for ever.
    """
    if exception is not None or app.builder.format != "html":
        return
    env, outdir = app.env, Path(app.outdir)
    for docname in _REMOVED.pop(app, set()):  # a page of the project deleted since the last build
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)  # type: ignore[attr-defined]
    page_suffix = app.builder.out_suffix  # type: ignore[attr-defined]
    _remove_stale_pages(outdir / read_config(app.config).generated_dir, outdir, env.found_docs, page_suffix)
    _remove_unlisted(outdir / "_images", {Path(unique) for _docs, unique in env.images.values()})
    _remove_unlisted(outdir / "_downloads", {Path(unique) for _docs, unique in env.dlfiles.values()})
    suffix = app.config.html_sourcelink_suffix
    sources = set()
    for docname in env.found_docs:
        source = docname + str(env.doc2path(docname, False))[len(docname) :]
        sources.add(Path(source + suffix if not source.endswith(suffix) else source))
    _remove_unlisted(outdir / "_sources", sources)


def _remove_stale_pages(generated: Path, outdir: Path, found: set[str], suffix: str) -> None:
    """Pages of generated documents that no longer exist."""
    # os.walk and plain strings: tens of thousands of pages, looked at on every build.
    for folder, _, files in os.walk(generated):
        prefix = Path(folder).relative_to(outdir).as_posix() + "/"
        for name in files:
            if name.endswith(suffix) and prefix + name.removesuffix(suffix) not in found:
                os.unlink(os.path.join(folder, name))


def _remove_unlisted(folder: Path, wanted: set[Path]) -> None:
    """Delete the files under ``folder`` whose path (relative to it) is not ``wanted``, then empty folders."""
    for here, _, files in os.walk(folder, topdown=False):
        place = Path(here)
        for name in files:
            if (place / name).relative_to(folder) not in wanted:
                os.unlink(place / name)
        with contextlib.suppress(OSError):  # not empty
            os.rmdir(place)
