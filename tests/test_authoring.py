"""Directives and roles in authors' own pages: MyST and reST alike, unknown ids warn with a place."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Build, run_build
from .test_book_html import article, main_text


@pytest.fixture(scope="module")
def authoring(copy_root: Callable[[str], Path]) -> Build:
    src = copy_root("authoring")
    return run_build(src, src / "_build")


def test_myst_and_rst_render_the_same(authoring: Build) -> None:
    myst = main_text(authoring, "myst").removeprefix("In MyST#")
    rst = main_text(authoring, "rst").removeprefix("In reStructuredText#")
    assert myst == rst
    assert (
        "See Tangent: Automatic Differentiation Using Source Code Transformation by Bart van Merriënboer, "
        "in Session 1 of Demo 2024." in myst
    )
    assert "Learned Indexes for Everyone" in myst and "small memory budget" in myst
    assert "Bart van Merriënboer — Mila" in myst and "Ada Lovelace — Analytical Engines Ltd" in myst
    assert "Keynote" not in myst  # the kind filter keeps posters only


def test_roles_link_to_the_object_pages(authoring: Build) -> None:
    hrefs = [a.get("href") for a in article(authoring, "myst").iter("a")]
    talk = "_proceedings/demo2024/contributions/tangent-van-merrienboer.html"
    assert f"{talk}#contribution-tangent-van-merrienboer" in hrefs
    assert "_proceedings/people/bart-van-merrienboer.html#person-bart-van-merrienboer" in hrefs


def test_unknown_ids_warn_with_their_place(authoring: Build) -> None:
    lines = [re.sub(r"^.*/src/", "", line) for line in authoring.warnings.splitlines()]
    assert lines == [
        "broken.md:5: WARNING: unknown contribution id 'no-such-id' [proceedings.unknown_ref]",
        "broken.md:3: WARNING: unknown contribution id 'no-such-talk' [ref.talk]",
    ]


def test_data_problems_become_located_warnings(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    schedule = src / "data/demo2024/schedule.yaml"
    schedule.write_text(schedule.read_text().replace("chairs: [ada-lovelace]", "chairs: [ada-lovelase]"))
    build = run_build(src, src / "_build")
    assert build.warnings.splitlines()[0].endswith(
        "data/demo2024/schedule.yaml:7:18: ERROR: unknown person 'ada-lovelase' "
        "(hint: did you mean 'ada-lovelace'?) [proceedings.unknown_ref]"
    )


def test_cite_works_for_talks_and_literature(authoring: Build) -> None:
    page = article(authoring, "myst")
    targets = sorted(a.get("href").split("#")[0] for a in page.xpath('.//span[@class="bibtex-citation"]/a'))
    assert targets == ["_proceedings/cited.html", "_proceedings/demo2024/references.html"]
    cited = main_text(authoring, "_proceedings/cited")
    assert "Tangent: Automatic Differentiation Using Source Code Transformation" in cited
    assert "Demo Workshop on Learned Systems 2024" in cited
