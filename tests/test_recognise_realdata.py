"""Every paper an accepted-papers page of ../shared/realdata lists arrives, with its authors."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.importers.recognise.attach import title_key

REALDATA = Path(__file__).parent.parent.parent / "shared" / "realdata"
EDITIONS = sorted(str(p.parent.relative_to(REALDATA)) for p in REALDATA.glob("*/*/index.md"))
# Titles as the pages mark them: '[**Title**](…)', '**Title**:' or '<a …><b>Title</b></a>'
MARKED = re.compile(r"^\s*\[\*\*(?P<md>.+?)\*\*\]|^\s*\*\*(?P<bold>.+?)\*\*:|<a [^>]*><b>(?P<html>.+?)</b></a>", re.M)


def listed_titles(site: Path) -> set[str]:
    titles = set()
    for page in site.glob("accepted*.md"):
        for m in MARKED.finditer(page.read_text(encoding="utf-8")):
            titles.add(title_key(html.unescape(m["md"] or m["bold"] or m["html"])))
    return titles


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not there")
@pytest.mark.parametrize("site", EDITIONS)
def test_listed_papers_arrive(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [str(p) for p in sorted((REALDATA / site).glob("*.md"))]
    argv = ["import", "site", *pages, "--into", str(tmp_path), "--event-id", "ev", "--base-url", f"https://{site}/"]
    assert main(argv) == 0, capsys.readouterr().err
    result = load_project(tmp_path)
    assert not result.problems.errors
    (event,) = result.proceedings.events
    imported = {title_key(c.title) for c in event.contributions}
    imported |= {title_key(n) for c in event.contributions for n in re.findall(r"as '(.+?)'", c.note or "")}
    listed = listed_titles(REALDATA / site)
    assert listed, "the accepted page lists papers"
    # a title may go on past its bold part ('[**How Much …**](x): Quantitative Analysis …: Author')
    missing = {t for t in listed if not any(i == t or i.startswith(t + " ") for i in imported)}
    assert not missing, sorted(missing)
    assert all(c.authors for c in event.contributions if title_key(c.title) in listed)
