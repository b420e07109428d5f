"""The PDF volume: Sphinx's LaTeX builder and a real latexmk/XeLaTeX run, once per session per book.

Three volumes: the test root and the default book as books of abstracts (built with Read the Docs'
commands), and the test root with local paper PDFs as a paper volume (built by ``proceedings build --pdf``,
which also cuts each paper's own PDF out of it).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from sphinx_proceedings.book.directives.people import index_name
from sphinx_proceedings.cli.main import main as proceedings
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import Proceedings
from sphinx_proceedings.volume.event_volumes import cut_events, event_pdf, label_runs
from sphinx_proceedings.volume.papers import absolute_pages

from .conftest import REPO, Build, run_build
from .pdfs import make_pdf

pytestmark = pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
SITE = "https://demo.example.org/en/latest/"
LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode"]
ARTIFACTS = REPO / "test-artifacts"
WEB_ONLY = ("Copy BibTeX", "Download:", "Next in session", "as stated in", "BibTeX · RIS", "Roles")
PAPERS = {  # contribution id -> pages of its test PDF (page 1 shows the title)
    "tangent-van-merrienboer": ["Tangent: Automatic Differentiation Using Source Code Transformation", "T2", "T3"],
    "indexes-zhang": ["Learned Indexes for Everyone", "I2"],
}


@dataclass
class Volume:
    proceedings: Proceedings
    pdf: Path
    log: str
    warnings: str
    aux: Path

    @property
    def reader(self) -> PdfReader:
        return PdfReader(self.pdf)

    @property
    def text(self) -> str:
        return pdftotext(self.pdf)

    def page_text(self, physical: int) -> str:
        """The text of a page, counted from 1 as zref's abspage does."""
        return pdftotext(self.pdf, physical)

    def labels(self) -> dict[str, str]:
        """LaTeX label -> the page number it printed (from the .aux file)."""
        text = self.aux.read_text(encoding="utf-8", errors="replace")
        return dict(re.findall(r"\\newlabel\{([^}]+)\}\{\{[^}]*\}\{([^}]*)\}", text))


def pdftotext(pdf: Path, page: int | None = None, raw: bool = False) -> str:
    """The text as pdftotext reads it; ``raw`` in the order it was set (columns one after the other)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    options = ["-raw"] if raw else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, *pages, str(pdf), "-"], capture_output=True, text=True
    )
    return flat(done.stdout)


def flat(text: str) -> str:
    """Whitespace collapsed; TeX's typographic quotes and ellipses as typed."""
    return re.sub(r"\s+", " ", text).replace("’", "'").replace("…", "...")


def build_volume(src: Path, confoverrides: dict[str, object] | None = None) -> Volume:
    """Read the Docs' way: ``sphinx -b latex``, then latexmk with a job name."""
    build = run_build(src, src / "_build", "latex", confoverrides=confoverrides)
    assert (build.outdir / "proceedings.tex").is_file()
    subprocess.run([*LATEXMK, "-jobname=volume"], cwd=build.outdir, capture_output=True, check=False, timeout=300)
    pdf = build.outdir / "volume.pdf"
    assert pdf.is_file(), (build.outdir / "volume.log").read_text(encoding="utf-8", errors="replace")[-3000:]
    log = (build.outdir / "volume.log").read_text(encoding="utf-8", errors="replace")
    return Volume(load_project(src / "data", src).proceedings, pdf, log, build.warnings, pdf.with_suffix(".aux"))


def with_paper_pdfs(src: Path) -> Path:
    """The test root with two papers that have local PDFs (made here) instead of links."""
    folder = src / "data" / "demo2024"
    for cid, pages in PAPERS.items():
        make_pdf(folder / "papers" / f"{cid}.pdf", pages)
    contributions = folder / "contributions.yaml"
    text = contributions.read_text(encoding="utf-8")
    text = text.replace(
        "pdf: https://demo.example.org/2024/papers/tangent.pdf", "pdf: papers/tangent-van-merrienboer.pdf"
    )
    text = text.replace("  abstract: We show", "  pdf: papers/indexes-zhang.pdf\n  abstract: We show")
    contributions.write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="session")
def basic_pdf(copy_root: Callable[[str], Path]) -> Volume:
    return build_volume(copy_root("basic"), {"proceedings_site_url": SITE})


@pytest.fixture(scope="session")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Volume]:
    src = tmp_path_factory.mktemp("default-pdf") / "proceedings"
    shutil.copytree(REPO / "proceedings", src, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    yield build_volume(src)


@dataclass
class PaperBook:
    volume: Volume
    html: Path


@pytest.fixture(scope="session")
def paper_book(copy_root: Callable[[str], Path]) -> PaperBook:
    """``proceedings build --pdf`` of the test root with local paper PDFs."""
    src = with_paper_pdfs(copy_root("basic"))
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8") + f'\nproceedings_site_url = "{SITE}"\n', encoding="utf-8"
    )
    assert proceedings(["build", str(src), "--pdf"]) == 0
    latex = src / "_build" / "latex"
    log = (latex / "proceedings.log").read_text(encoding="utf-8", errors="replace")
    volume = Volume(
        load_project(src / "data", src).proceedings,
        src / "_build" / "proceedings.pdf",
        log,
        "",
        latex / "proceedings.aux",
    )
    return PaperBook(volume, src / "_build" / "html")


@pytest.fixture(scope="session", params=["basic", "default", "papers"])
def volume(request: pytest.FixtureRequest) -> Volume:
    if request.param == "papers":
        return request.getfixturevalue("paper_book").volume  # type: ignore[no-any-return]
    return request.getfixturevalue(f"{request.param}_pdf")  # type: ignore[no-any-return]


def outline_titles(pdf: Path) -> list[str]:
    def walk(items: list) -> Iterator[str]:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield flat(item.title)

    return list(walk(PdfReader(pdf).outline))


def link_targets(pdf: Path) -> set[str]:
    uris = set()
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


def test_latex_build_is_clean(volume: Volume) -> None:
    assert volume.warnings == ""
    assert not re.findall(r"^! .*", volume.log, re.MULTILINE)
    assert not re.findall(r".*undefined.*", volume.log, re.IGNORECASE)


def test_qpdf_finds_the_pdf_sound(volume: Volume) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    done = subprocess.run(["qpdf", "--check", str(volume.pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_contents_list_every_contribution_with_authors_on_its_page(volume: Volume) -> None:
    """The contents give each title, its authors and a page; the title is on the page of that number."""
    labels = volume.labels()
    starts = absolute_pages(volume.aux)
    page_labels = volume.reader.page_labels
    people = volume.proceedings.people
    for data in volume.proceedings.events:
        contents = (
            volume.page_text(starts[f"proc-contents-{data.event.id}"]) if len(volume.proceedings.events) == 1 else ""
        )
        if not contents:  # a book of several events: the contents pages open it
            contents = " ".join(
                volume.page_text(p) for p in range(starts["proc-contents-book"], starts[f"proc-event-{data.event.id}"])
            )
        for c in data.contributions:
            printed = labels[f"proc-c-{c.id}"]
            names = ", ".join(people[a.person].name for a in c.authors)
            entry = re.escape(flat(c.title)) + r"[ .]*" + re.escape(printed) + " " + re.escape(flat(names))
            assert re.search(entry, contents), (c.title, printed)
            physical = starts[f"proc-c-{c.id}"]
            assert page_labels[physical - 1] == printed
            assert flat(c.title) in volume.page_text(physical)


def test_front_matter_is_roman_and_each_event_counts_from_one(volume: Volume) -> None:
    labels = volume.reader.page_labels
    assert labels[0] == "i"
    arabic_starts = [i for i, label in enumerate(labels) if label == "1"]
    assert len(arabic_starts) == len(volume.proceedings.events)
    for start in arabic_starts:
        assert re.fullmatch(r"[ivxlc]+", labels[start - 1])


def test_every_session_is_bookmarked_with_its_contributions(volume: Volume) -> None:
    titles = outline_titles(volume.pdf)
    for data in volume.proceedings.events:
        assert flat(data.event.title) in titles
        for day in data.schedule.days:
            for session in day.sessions:
                if session.title and any(slot.contributions for slot in session.slots):
                    assert flat(session.title) in titles
        for c in data.contributions:
            assert flat(c.title) in titles


def test_nothing_of_the_web_pages_is_printed(volume: Volume) -> None:
    text = volume.text
    assert [phrase for phrase in WEB_ONLY if phrase in text] == []


def test_author_index_sorts_particles_accents_and_other_scripts(basic_pdf: Volume) -> None:
    text = pdftotext(basic_pdf.pdf, raw=True)
    index = text[text.rindex("Author index — Demo 2024") :]
    labels = basic_pdf.labels()
    garcia = sorted({labels["proc-c-tangent-van-merrienboer"], labels["proc-c-indexes-zhang"]}, key=int)
    assert f"García, José, {', '.join(garcia)}" in index
    assert f"Merriënboer, Bart van, {labels['proc-c-tangent-van-merrienboer']}" in index
    assert f"张伟, {labels['proc-c-indexes-zhang']}" in index
    headings = re.findall(r"(?:^| )(\S) (?=\S+, )", index)
    assert headings[:4] == ["G", "L", "M", "张"]  # Latin letters, accents folded, then other scripts


def test_author_index_has_every_author(volume: Volume) -> None:
    text = volume.text
    authors = {a.person for data in volume.proceedings.events for c in data.contributions for a in c.authors}
    indexes = text[text.index("Author index —") :]
    missing = [pid for pid in authors if flat(index_name(volume.proceedings.people[pid])) not in indexes]
    assert missing == []


def test_title_page_names_event_venue_and_editors(basic_pdf: Volume) -> None:
    first_page = basic_pdf.page_text(1)
    assert "Demo Workshop Series" in first_page and "Demo Workshop on Learned Systems 2024" in first_page
    assert "Vienna, Austria" in first_page and "Edited by" in first_page and "Bart van Merriënboer" in first_page
    assert "How to cite this volume" in basic_pdf.page_text(2)


def test_pdf_metadata_names_title_editors_subject(basic_pdf: Volume, default_pdf: Volume) -> None:
    meta = basic_pdf.reader.metadata
    assert meta is not None and meta.title == "Demo Proceedings"
    assert meta.author == "Bart van Merriënboer, Ada Lovelace"
    assert meta.subject == "Proceedings of Demo Workshop on Learned Systems 2024"
    assert "autodiff" in str(meta.get("/Keywords"))
    xmp = basic_pdf.reader.xmp_metadata
    assert xmp is not None and "Bart van Merriënboer" in xmp.dc_creator
    assert default_pdf.reader.metadata.title == "ML Systems Workshops 2017–2020"  # type: ignore[union-attr]


def test_names_in_other_scripts_are_typeset(basic_pdf: Volume) -> None:
    assert "张伟" in basic_pdf.text and "José García" in basic_pdf.text
    assert "Missing character" not in basic_pdf.log


def test_links_are_printed_as_live_absolute_urls(basic_pdf: Volume, default_pdf: Volume) -> None:
    local = {u for u in link_targets(basic_pdf.pdf) if u.startswith(SITE)}
    assert any(u.startswith(f"{SITE}_downloads/") and u.endswith(".pdf") for u in local)
    slides = {c.slides for data in default_pdf.proceedings.events for c in data.contributions if c.slides}
    assert slides and slides <= link_targets(default_pdf.pdf)


def test_references_follow_their_event_and_precede_its_index(default_pdf: Volume) -> None:
    starts = absolute_pages(default_pdf.aux)
    events = [d for d in default_pdf.proceedings.events if d.references]
    assert events
    for data in events:
        eid = data.event.id
        assert starts[f"proc-event-{eid}"] < starts[f"proc-references-{eid}"] < starts[f"proc-authors-{eid}"]
        first_key_title = data.references[0].fields.get("title", "")
        words = " ".join(first_key_title.replace("{", "").replace("}", "").split()[:3])
        assert words in default_pdf.page_text(starts[f"proc-references-{eid}"])


def test_paper_volume_includes_each_paper_whole_and_stamped(paper_book: PaperBook) -> None:
    volume = paper_book.volume
    starts = absolute_pages(volume.aux)
    labels = volume.reader.page_labels
    first = 1
    for cid, pages in PAPERS.items():
        physical = starts[f"proc-c-{cid}"]
        last = first + len(pages) - 1
        assert labels[physical - 1] == str(first)
        for offset, text in enumerate(pages):
            page = volume.page_text(physical + offset)
            assert text in page and f"Demo 2024, pages {first}–{last}" in page
        first = last + 1
    assert "Keynote" in volume.text  # the keynote has no PDF: its abstract follows the papers


def test_each_paper_has_its_own_pdf_cut_from_the_volume(paper_book: PaperBook) -> None:
    first = 1
    for cid, pages in PAPERS.items():
        own = paper_book.html / "_proceedings" / "demo2024" / "contributions" / f"{cid}.pdf"
        reader = PdfReader(own)
        assert len(reader.pages) == len(pages)
        assert pages[0] in flat(reader.pages[0].extract_text())
        last = first + len(pages) - 1
        assert f"Demo 2024, pages {first}–{last}" in pdftotext(own, 1)
        html = (own.with_suffix(".html")).read_text(encoding="utf-8")
        assert f'<meta name="citation_pdf_url" content="{SITE}_proceedings/demo2024/contributions/{cid}.pdf"' in html
        assert f'<meta name="citation_firstpage" content="{first}"' in html
        assert f'<meta name="citation_lastpage" content="{last}"' in html
        cite = paper_book.html / "_proceedings" / "demo2024" / "cite"
        assert f"{first}--{last}" in (cite / f"{cid}.bib").read_text(encoding="utf-8")
        ris = (cite / f"{cid}.ris").read_text(encoding="utf-8")
        assert f"SP  - {first}\n" in ris and f"EP  - {last}\n" in ris
        assert json.loads((cite / f"{cid}.json").read_text(encoding="utf-8"))[0]["page"] == f"{first}-{last}"
        first = last + 1


def test_a_book_of_abstracts_states_no_pages(basic_html: Build) -> None:
    """Entries flow in a book of abstracts: no page is known before LaTeX runs, so none is stated."""
    page = basic_html.html("_proceedings/demo2024/contributions/indexes-zhang")
    assert "citation_title" in page and "citation_firstpage" not in page and "citation_lastpage" not in page
    cite = basic_html.outdir / "_proceedings" / "demo2024" / "cite" / "indexes-zhang.bib"
    assert "pages" not in cite.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def page_images(basic_pdf: Volume, default_pdf: Volume, paper_book: PaperBook) -> list[Path]:
    """A few pages to look at, kept in test-artifacts/ (title, contents, an abstract page, a paper page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    made = []
    starts = absolute_pages(paper_book.volume.aux)
    wanted = [
        (basic_pdf.pdf, 1, "abstracts-title"),
        (basic_pdf.pdf, absolute_pages(basic_pdf.aux)["proc-contents-demo2024"], "abstracts-contents"),
        (default_pdf.pdf, absolute_pages(default_pdf.aux)["proc-contents-book"], "default-contents"),
        (default_pdf.pdf, absolute_pages(default_pdf.aux)["proc-abstracts-nips2017"], "default-abstracts"),
        (paper_book.volume.pdf, starts["proc-c-tangent-van-merrienboer"], "papers-first-paper"),
    ]
    for pdf, page, name in wanted:
        prefix = ARTIFACTS / f"volume-{name}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
            check=True,
        )
        made.append(prefix.with_suffix(".png"))
    return made


def test_pages_are_kept_as_images_to_look_at(page_images: list[Path]) -> None:
    assert all(path.stat().st_size > 5000 for path in page_images)


def test_a_shipped_paper_pdf_is_the_scholar_pdf_url_without_cut_pdfs(copy_root: Callable[[str], Path]) -> None:
    """With per-paper PDFs off, the page names the copy of the paper's own file that Sphinx publishes."""
    src = with_paper_pdfs(copy_root("basic"))
    build = run_build(src, src / "_build", confoverrides={"proceedings_paper_pdfs": False})
    for cid in PAPERS:
        tree = lxml_html.fromstring(build.html(f"_proceedings/demo2024/contributions/{cid}"))
        urls = [m.get("content") for m in tree.iter("meta") if m.get("name") == "citation_pdf_url"]
        assert len(urls) == 1 and urls[0].startswith("../../../_downloads/") and urls[0].endswith(f"/{cid}.pdf")
        assert (build.outdir / "_proceedings/demo2024/contributions" / urls[0]).resolve().is_file()


def test_a_longer_paper_moves_the_pages_of_the_papers_after_it(copy_root: Callable[[str], Path]) -> None:
    """An incremental build after a paper PDF grows: the next paper's page and citation files name its new pages."""
    src = with_paper_pdfs(copy_root("basic"))
    overrides = {"proceedings_site_url": SITE}
    first = run_build(src, src / "_build", confoverrides=overrides)

    def shown(build: Build) -> tuple[str, str]:
        html = build.html("_proceedings/demo2024/contributions/indexes-zhang")
        found = dict(re.findall(r'<meta name="citation_(firstpage|lastpage)" content="(\d+)"', html))
        bib = (build.outdir / "_proceedings/demo2024/cite/indexes-zhang.bib").read_text(encoding="utf-8")
        assert f"pages = {{{found['firstpage']}--{found['lastpage']}}}" in bib
        return found["firstpage"], found["lastpage"]

    assert shown(first) == ("4", "5")
    make_pdf(src / "data/demo2024/papers/tangent-van-merrienboer.pdf", [*PAPERS["tangent-van-merrienboer"], "T4"])
    again = run_build(src, src / "_build", confoverrides=overrides)
    assert shown(again) == ("5", "6")
    assert again.read and len(again.read) <= 5, again.read


def test_each_event_of_a_book_is_a_volume_of_its_own(default_pdf: Volume, tmp_path: Path) -> None:
    """The default book's four events, cut from its PDF: each from its title page (i) to its author index,
    with its own contents, its page labels and its bookmarks; together they hold every page but the cover's."""
    events = {data.event.id: data.event.title for data in default_pdf.proceedings.events}
    written = cut_events(default_pdf.pdf, tmp_path, "_proceedings", events)
    assert written == [tmp_path / event_pdf("_proceedings", eid) for eid in events]
    book_labels = default_pdf.reader.page_labels
    cover = absolute_pages(default_pdf.aux)[f"proc-event-{next(iter(events))}"] - 1
    total = 0
    for data, pdf in zip(default_pdf.proceedings.events, written, strict=True):
        reader = PdfReader(pdf)
        labels = reader.page_labels
        assert labels[0] == "i" and "1" in labels
        assert reader.metadata is not None and reader.metadata.title == data.event.title
        assert labels == book_labels[cover + total : cover + total + len(labels)]
        assert flat(data.event.title) in flat(reader.pages[0].extract_text())
        text = pdftotext(pdf)
        assert "Contents" in text and f"Author index — {flat(data.event.name)}" in text
        others = [flat(d.event.title) for d in default_pdf.proceedings.events if d is not data]
        assert not [t for t in others if f"Proceedings of the {t}" in text]  # no other event's title page
        titles = outline_titles(pdf)
        assert flat(data.event.title) in titles
        assert all(flat(c.title) in titles for c in data.contributions)
        total += len(labels)
    assert cover + total == len(book_labels)
    done = subprocess.run(["qpdf", "--check", str(written[0])], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_label_runs_name_styles_and_first_numbers() -> None:
    assert label_runs(["i", "ii", "iii", "iv", "1", "2", "3"]) == [(0, 3, "/r", 1), (4, 6, "/D", 1)]
    assert label_runs(["xix", "xx", "7", "8", "1"]) == [(0, 1, "/r", 19), (2, 3, "/D", 7), (4, 4, "/D", 1)]


def test_build_publishes_the_event_volume_beside_the_event_page(paper_book: PaperBook, basic_html: Build) -> None:
    assert "Volume (PDF)" not in basic_html.html("_proceedings/demo2024/index")  # a book built without its PDF
    event = paper_book.html / "_proceedings" / "demo2024"
    tree = lxml_html.fromstring((event / "index.html").read_text(encoding="utf-8"))
    assert tree.xpath('//a[text()="Volume (PDF)"]/@href') == ["demo2024.pdf"]
    volume = PdfReader(event / "demo2024.pdf")
    assert len(volume.pages) == len(paper_book.volume.reader.pages)  # one event: the whole book
    assert volume.page_labels == paper_book.volume.reader.page_labels
