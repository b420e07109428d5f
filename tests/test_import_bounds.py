"""The importer's work is bounded: a page has a size limit, and names are matched through an index."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.importers import people_index as assemble
from sphinx_proceedings.importers.draft import PersonMention, Place
from sphinx_proceedings.importers.site import MAX_PAGE_BYTES, read_page


def test_names_are_compared_only_within_their_word_buckets(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)

    def word() -> str:
        return rng.choice(string.ascii_uppercase) + "".join(rng.choice("aeioulnrstkm") for _ in range(6))

    firsts, lasts = [word() for _ in range(200)], [word() for _ in range(2000)]
    sizes: list[int] = []
    real = assemble.near_duplicates

    def counting(names, *args, **kwargs):
        names = list(names)
        sizes.append(len(names))
        return real(names, *args, **kwargs)

    monkeypatch.setattr(assemble, "near_duplicates", counting)
    people = assemble.PeopleIndex(Problems())
    place = Place(Path("page.md"), 1)
    for _ in range(3000):
        people.resolve(PersonMention(f"{rng.choice(firsts)} {rng.choice(lasts)}", place, roster=True))
    for _ in range(3000):
        people.resolve(PersonMention(f"{rng.choice(firsts)} {rng.choice(lasts)}", place))
    per_mention = sizes[:-1] if sizes else []
    assert per_mention and max(per_mention) < 100  # the listed names sharing a word, not all 3000


def test_a_page_over_the_bound_is_a_located_error(tmp_path: Path) -> None:
    page = tmp_path / "huge.md"
    page.write_bytes(b"- item\n" * (MAX_PAGE_BYTES // 7 + 1))
    problems = Problems()
    assert read_page(page, problems) is None
    (problem,) = problems.errors
    assert problem.path == page and "page is larger than 2 MiB" in problem.message


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "index.md"
    os.mkfifo(fifo)
    problems = Problems()
    assert read_page(fifo, problems) is None
    assert "not a regular file" in problems.errors[0].message


def test_a_fact_past_the_formats_bounds_is_a_located_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever record the pages make that the model refuses (here an event description over its 100,000
    characters) stops that edition with an error naming the page; nothing of it is written."""
    from sphinx_proceedings.cli import imports
    from sphinx_proceedings.cli.main import main
    from sphinx_proceedings.data.model import Event

    def refusing(*args: object, **kwargs: object) -> None:
        Event(id="ws2020", title="Workshop", description="x" * 100_001)

    monkeypatch.setattr(imports, "assemble", refusing)
    page = Path(__file__).parent / "fixtures" / "import" / "recognise_cards.html"
    base = ["--base-url", "https://cards.example.org/"]
    code = main(["import", "site", str(page), "--into", str(tmp_path / "data"), "--event-id", "ws2020", *base])
    err = capsys.readouterr().err + capsys.readouterr().out
    assert code == 1
    assert "recognise_cards.html: error: edition 'ws2020' not imported: Event description: String should have at" in err
    assert "Traceback" not in err and not (tmp_path / "data" / "ws2020").exists()
